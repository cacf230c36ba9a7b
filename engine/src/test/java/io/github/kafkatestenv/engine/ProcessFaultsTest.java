package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * Security, ZooKeeper and controller faults, and failed starts, in the process placement: what the in-JVM
 * placement does (SecurityTest, FaultsTest, FailedStartTest), on servers in JVMs of their own.
 */
class ProcessFaultsTest {

    @Test
    void scramOverTlsWithAclsInZooKeeperMode() throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion("3.9.2").placement(Placement.PROCESSES).brokers(2)
                .securityProtocol(SecurityProtocol.SASL_SSL).saslMechanism(SaslMechanism.SCRAM_SHA_512)
                .user("alice", "alice-secret").user("bob", "bob-secret")
                .grant(Grant.parse("alice topic:orders read,write,describe"))
                .grant(Grant.parse("alice group:app-* read"))
                .topic(Topic.parse("orders:2:2"))
                .build().start()) {
            Map<String, String> alice = cluster.clientProperties("alice");
            SecurityTest.send(alice, "orders", "paid");
            assertTrue(SecurityTest.readValues(alice, "orders", "app-" + UUID.randomUUID()).contains("paid"));

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> SecurityTest.send(cluster.clientProperties("bob"), "orders", "never"));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());

            Map<String, String> wrong = new HashMap<>(alice);
            wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace("alice-secret", "wrong"));
            ExecutionException denied = assertThrows(ExecutionException.class,
                    () -> SecurityTest.send(wrong, "orders", "never"));
            assertInstanceOf(SaslAuthenticationException.class, denied.getCause());
        }
    }

    @Test
    void mutualTlsWithAclsInKRaftMode() throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion("4.4.0").placement(Placement.PROCESSES)
                .securityProtocol(SecurityProtocol.SSL).mutualTls(true)
                .user("alice", "").user("bob", "")
                .grant(Grant.parse("alice topic:payments all"))
                .grant(Grant.parse("alice group:* read"))
                .topic(Topic.parse("payments:1:1"))
                .build().start()) {
            SecurityTest.send(cluster.clientProperties("alice"), "payments", "paid");
            assertTrue(SecurityTest.readValues(cluster.clientProperties("alice"), "payments", "g").contains("paid"));

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> SecurityTest.send(cluster.clientProperties("bob"), "payments", "never"));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());

            Map<String, String> untrusting = new HashMap<>(cluster.clientProperties("alice"));
            untrusting.keySet().removeIf(key -> key.startsWith("ssl.truststore"));
            ExecutionException untrusted = assertThrows(ExecutionException.class,
                    () -> SecurityTest.send(untrusting, "payments", "never"));
            assertInstanceOf(SslAuthenticationException.class, untrusted.getCause());
        }
    }

    @Test
    void zooKeeperStopsAndComesBack() throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion("3.9.2").placement(Placement.PROCESSES).brokers(2)
                .topic(Topic.parse("orders:2:2"))
                .build().start();
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            Clients.send(cluster, "orders", 2);
            cluster.stopZooKeeper();
            cluster.startZooKeeper();
            assertTrue(ProcessState.eventually(60, () -> FaultsTest.tryCreate(admin, "after", 2, (short) 2)),
                    "topic creation works again");
            Clients.send(cluster, "orders", 2);
            assertEquals(4, Clients.read(cluster, "orders", 4, Duration.ofSeconds(60)).size());
        }
    }

    @Test
    void aNewControllerTakesOverWhenTheActiveNodeIsKilled() throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion("4.4.0").placement(Placement.PROCESSES).brokers(3)
                .topic(Topic.parse("before:1:3"))
                .build().start();
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            int active = FaultsTest.quorumLeader(admin);
            cluster.killBroker(active);
            assertTrue(ProcessState.eventually(60, () -> {
                Integer leader = FaultsTest.quorumLeaderOrNull(admin);
                return leader != null && leader != active;
            }), "a new controller was elected");
            assertTrue(ProcessState.eventually(60, () -> FaultsTest.tryCreate(admin, "after", 3, (short) 2)),
                    "topic creation works again");
            cluster.startBroker(active);
            assertTrue(ProcessState.eventually(60, () -> FaultsTest.voterCaughtUp(admin, active)),
                    "the restarted node rejoins the quorum");
        }
    }

    @Test
    void aBrokerThatRejectsItsConfigurationFailsTheStartWithTheLogsTail() throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder()
                .kafkaVersion("3.9.2").placement(Placement.PROCESSES)
                .brokerProperty("num.network.threads", "zero")
                .build();
        KafkaTestEnvException failure = assertThrows(KafkaTestEnvException.class, definition::start);
        assertTrue(failure.getMessage().contains("num.network.threads"), failure::getMessage);
        assertTrue(failure.getMessage().contains("Last lines of its log"), failure::getMessage);
        String directory = failure.getMessage().replaceAll("(?s).*Last lines of its log (\\S+)/logs/kafka.log.*", "$1");
        assertTrue(!Files.exists(java.nio.file.Path.of(directory)), "the failed start removed " + directory);
    }
}
