package io.github.kafkatestenv.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which settings keep a served cluster from standing in for a declared one, and how the note names them. */
class ClusterShapeTest {

    private static ClusterDefinition.Builder secured() {
        return ClusterDefinition.builder().mode(Mode.KRAFT).kafkaVersion("4.4.0")
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT).user("alice", "a").user("bob", "b")
                .grant(Grant.parse("alice topic:orders read")).grant(Grant.parse("bob topic:audit write"))
                .brokerProperty("log.retention.ms", "60000");
    }

    @Test
    void topicsAndWhereTheClusterRunsDoNotCount() {
        ClusterDefinition served = secured().topic(Topic.parse("orders:3:1")).placement(Placement.PROCESSES)
                .brokerPort(19092).workDirectory(Path.of("target/kafka-testenv")).keepDirectory(true)
                .startTimeout(Duration.ofMinutes(5)).build();
        ClusterDefinition declared = ClusterDefinition.builder().mode(Mode.KRAFT).kafkaVersion("4.4.0")
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT).user("alice", "a").user("bob", "b")
                .grant(Grant.parse("bob topic:audit write")).grant(Grant.parse("alice topic:orders read"))
                .brokerProperty("log.retention.ms", "60000").topic(Topic.parse("payments")).build();

        assertEquals(List.of(), ClusterShape.differences(served, declared), "grants in another order too");
    }

    @Test
    void everyOtherSettingCountsAndIsNamedWithoutPasswords() {
        ClusterDefinition served = secured().build();
        ClusterDefinition declared = ClusterDefinition.builder().mode(Mode.KRAFT).kafkaVersion("4.4.0").brokers(3)
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT).user("alice", "other").user("bob", "b")
                .grant(Grant.parse("alice topic:orders read")).brokerProperty("log.retention.ms", "1000").build();

        assertEquals(List.of("brokers (served 1, declared 3)",
                "brokerProperties (served {log.retention.ms=60000}, declared {log.retention.ms=1000})",
                "users (the same names [alice, bob], other passwords)",
                "grants (served [User:alice TOPIC orders literal READ, User:bob TOPIC audit literal WRITE], declared"
                        + " [User:alice TOPIC orders literal READ])"),
                ClusterShape.differences(served, declared));
        assertEquals(List.of("mode (served ZOOKEEPER, declared KRAFT)"), ClusterShape.differences(
                ClusterDefinition.builder().build(), ClusterDefinition.builder().mode(Mode.KRAFT).build()));
    }

    @Test
    void aClassThatAsksForProcessesOrAJavaHomeGetsThem() {
        ClusterDefinition inJvm = ClusterDefinition.builder().build();
        ClusterDefinition processes = ClusterDefinition.builder().placement(Placement.PROCESSES).build();
        Path javaHome = Path.of(System.getProperty("java.home"));

        assertEquals(List.of("placement (served IN_JVM, declared PROCESSES)"),
                ClusterShape.differences(inJvm, processes), "a real SIGKILL was asked for");
        assertEquals(List.of(), ClusterShape.differences(processes, inJvm));
        assertEquals(List.of("javaHome (served null, declared " + javaHome + ")"), ClusterShape.differences(processes,
                ClusterDefinition.builder().placement(Placement.PROCESSES).javaHome(javaHome).build()));
    }
}
