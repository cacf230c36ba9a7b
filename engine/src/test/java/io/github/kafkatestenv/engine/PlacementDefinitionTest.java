package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Which releases run where, in which modes, and what a definition that cannot work says. */
class PlacementDefinitionTest {

    @Test
    void releasesWithABridgeRunInTheJvmAndEveryOtherInProcesses() {
        assertEquals(Placement.IN_JVM, ClusterDefinition.builder().kafkaVersion("3.9.1").build().placement());
        assertEquals(Placement.IN_JVM, ClusterDefinition.builder().kafkaVersion("4.2.0").build().placement());
        assertEquals(Placement.PROCESSES, ClusterDefinition.builder().kafkaVersion("3.6.2").build().placement());
        assertEquals(Placement.PROCESSES, ClusterDefinition.builder().kafkaVersion("3.0.0").build().placement());
        assertEquals(Placement.PROCESSES, ClusterDefinition.builder().kafkaVersion("3.9.2")
                .placement(Placement.PROCESSES).build().placement());
    }

    @Test
    void modesFollowTheRelease() {
        assertEquals(Mode.ZOOKEEPER, ClusterDefinition.builder().kafkaVersion("3.2.3").build().mode());
        assertEquals(Mode.KRAFT, ClusterDefinition.builder().kafkaVersion("3.3.2").mode(Mode.KRAFT).build().mode());
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("3.2.3").mode(Mode.KRAFT).build(),
                "KRaft mode needs Kafka 3.3.0 or newer", "3.2.3", "use mode ZOOKEEPER");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("4.1.0").mode(Mode.ZOOKEEPER).build(),
                "ZooKeeper mode needs Kafka 3.x", "4.1.0");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("2.8.2").build(),
                "Unsupported Kafka version '2.8.2'", "from 3.0.0 to 4.x");
    }

    @Test
    void aReleaseWithoutABridgeCannotBeAskedToRunInTheJvm() {
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("3.6.2").placement(Placement.IN_JVM).build(),
                "Kafka 3.6.2 cannot run in the JVM", "use placement PROCESSES");
    }

    @Test
    void scramNeedsKafka35InKRaftMode() {
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("3.4.1").mode(Mode.KRAFT)
                        .securityProtocol(SecurityProtocol.SASL_PLAINTEXT).saslMechanism(SaslMechanism.SCRAM_SHA_256)
                        .user("alice", "secret").build(),
                "SCRAM-SHA-256 needs Kafka 3.5 or newer in KRaft mode", "3.4.1", "use PLAIN");
        ClusterDefinition.builder().kafkaVersion("3.4.1").securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .saslMechanism(SaslMechanism.SCRAM_SHA_256).user("alice", "secret").build(); // ZooKeeper mode keeps them
    }

    @Test
    void aJavaHomeMustBeAJavaForServerProcesses(@TempDir Path notAJava) {
        assertFails(() -> ClusterDefinition.builder().placement(Placement.PROCESSES).javaHome(notAJava).build(),
                "Java home " + notAJava + " has no bin/java", "JDK or JRE");
        Path ownJava = Path.of(System.getProperty("java.home"));
        assertFails(() -> ClusterDefinition.builder().javaHome(ownJava).build(),
                "servers run in the JVM that starts them", "use placement PROCESSES");
        assertEquals(ownJava, ClusterDefinition.builder().placement(Placement.PROCESSES).javaHome(ownJava).build()
                .javaHome());
    }

    private static void assertFails(Executable definition, String... parts) {
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, definition);
        for (String part : parts) {
            assertTrue(failure.getMessage().contains(part), () -> "'" + part + "' in: " + failure.getMessage());
        }
    }
}
