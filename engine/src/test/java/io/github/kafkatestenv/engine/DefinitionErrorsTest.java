package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Definitions that cannot work fail when built, before anything starts, saying what, the value and what to do. */
class DefinitionErrorsTest {

    @Test
    void invalidTopicNames() {
        assertFails(() -> Topic.of("orders/eu"), "Invalid topic name 'orders/eu'", "letters, digits");
        assertFails(() -> Topic.of(".."), "Invalid topic name '..'");
        assertFails(() -> Topic.of("x".repeat(250)), "250 characters", "at most 249");
        assertFails(() -> Topic.of(""), "needs a name");
    }

    @Test
    void invalidTopicSpecs() {
        assertFails(() -> Topic.parse("orders:0:1"), "'orders' has 0 partitions", "at least 1");
        assertFails(() -> Topic.parse("orders:3:0"), "replication factor 0");
        assertFails(() -> Topic.parse("orders:three"), "partitions 'three' is not a number", "orders:3:1");
        assertFails(() -> Topic.parse("a:1:1:1"), "Invalid topic 'a:1:1:1'", "name[:partitions[:replicationFactor]]");
        assertEquals(new Topic("orders", 3, 2, Map.of()), Topic.parse(" orders:3:2 "));
        assertEquals(2, Topic.parseList("a:1,b:2:1,").size());
    }

    @Test
    void replicationFactorAboveBrokers() {
        assertFails(() -> ClusterDefinition.builder().brokers(2).topic(Topic.parse("orders:3:3")).build(),
                "'orders' has replication factor 3 but the cluster has 2 brokers", "add brokers");
    }

    @Test
    void brokersOutsideOneToNine() {
        assertFails(() -> ClusterDefinition.builder().brokers(0).build(), "1 to 9 brokers, not 0");
        assertFails(() -> ClusterDefinition.builder().brokers(10).build(), "1 to 9 brokers, not 10");
    }

    @Test
    void unknownModeOrVersion() {
        assertFails(() -> Mode.parse("raft"), "Unknown mode 'raft'", "'zookeeper'", "'kraft'");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("3.8.1").build(),
                "Unsupported Kafka version '3.8.1'", "3.9.x", "4.x");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("latest").build(), "'latest'");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("4.1").build(),
                "Kafka version '4.1' names a line, not a release: give all three numbers, e.g. 3.9.2 or 4.4.0");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("4.4.0").mode(Mode.ZOOKEEPER).build(),
                "ZooKeeper mode needs Kafka 3.9.x", "4.4.0", "KRAFT");
    }

    @Test
    void defaultsAndImpliedMode() {
        ClusterDefinition defaults = ClusterDefinition.builder().build();
        assertEquals(Mode.ZOOKEEPER, defaults.mode());
        assertEquals("3.9.2", defaults.kafkaVersion());
        assertEquals(1, defaults.brokers());
        assertEquals(Mode.KRAFT, ClusterDefinition.builder().kafkaVersion("4.4.0").build().mode());
        assertEquals(defaults, ClusterDefinition.builder().build(), "equal definitions are equal");
    }

    @Test
    void duplicateTopic() {
        assertFails(() -> ClusterDefinition.builder().topic(Topic.of("orders")).topic(Topic.parse("orders:3")).build(),
                "'orders' is declared twice");
    }

    @Test
    void reservedOrBrokenBrokerProperties() {
        assertFails(() -> ClusterDefinition.builder().brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092").build(),
                "'listeners' is set by kafka-testenv");
        assertFails(() -> ClusterDefinition.builder().brokerProperty(" ", "x").build(), "empty name");
    }

    @Test
    void badSecurity() {
        assertFails(() -> SecurityProtocol.parse("TLS"), "Unknown security protocol 'TLS'", "SASL_SSL");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT).build(),
                "SASL_PLAINTEXT needs at least one user", "alice:alice-secret");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_SSL).user("alice", "")
                .build(), "User 'alice' has no password", "alice:<password>");
        assertFails(() -> ClusterDefinition.builder().user("alice", "secret").build(),
                "Users [alice] are declared", "PLAINTEXT nobody logs in");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .user("alice", "a").saslMechanism("GSSAPI").build(), "Unknown SASL mechanism 'GSSAPI'", "SCRAM-SHA-512");
        assertFails(() -> ClusterDefinition.builder().saslMechanism("PLAIN").build(),
                "SASL mechanism PLAIN is set but the security protocol is PLAINTEXT");
        assertFails(() -> ClusterDefinition.builder().mutualTls(true).build(), "Mutual TLS needs a TLS listener");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SSL).mutualTls(true).build(),
                "Mutual TLS needs at least one user");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .user("alice", "a").user("alice", "b").build(), "User 'alice' is declared twice");
        assertFails(() -> User.parse("al/ice:x"), "Invalid user name 'al/ice'");
        // A typo that puts the password into the name or leaves the name out never shows the password.
        for (String typo : List.of("alice hunter2", "alice=hunter2", ":hunter2")) {
            KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class, () -> User.parse(typo));
            assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
        }
        assertFails(() -> User.parse(":x"), "Invalid user: it has no name before the ':'; use name:password, for example alice:alice-secret");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT).user("a", "b")
                .brokerProperty("listener.name.client.plain.sasl.jaas.config", "x").build(),
                "is set by kafka-testenv on a secured cluster's listeners");
        assertFails(() -> new User("kafka-testenv", "x"), "the engine's own");
        assertFails(() -> new User("alice", "say \"hi\""), "double quote");
        assertFails(() -> Grant.parse("alice topic:orders"), "Invalid grant 'alice topic:orders'", "read,write");
        assertFails(() -> Grant.parse("alice table:orders read"), "Unknown resource type 'table'");
        assertFails(() -> Grant.parse("alice topic:orders fly"), "Unknown operation 'fly'", "describe");
        assertFails(() -> Grant.parse("alice topic read"), "needs a name, as in topic:orders");
        assertFails(() -> ClusterDefinition.builder().superUser("Group:ops").build(), "Invalid principal 'Group:ops'");
        assertFails(() -> ClusterDefinition.builder().brokerProperty("super.users", "User:x").build(),
                "'super.users' is set by kafka-testenv", "super users and grants");

        Grant prefixed = Grant.parse("User:alice group:app-* read,DESCRIBE");
        assertEquals(new Grant("User:alice", "GROUP", "app-", true, List.of("READ", "DESCRIBE")), prefixed);
        assertEquals("kafka-cluster", Grant.parse("bob cluster idempotent_write").resourceName());
        assertEquals(2, Grant.parseList("a topic:x read; b topic:* write;").size());
        assertTrue(ClusterDefinition.builder().grant(prefixed).build().authorizer(), "a grant turns ACLs on");
        assertFalse(User.parse("alice:s3cret").toString().contains("s3cret"), "a user never shows its password");
    }

    @Test
    void invalidPorts() {
        assertFails(() -> ClusterDefinition.builder().brokerPort(70000).build(), "broker port 70000", "0 for a free port");
        assertFails(() -> ClusterDefinition.builder().zookeeperPort(-1).build(), "ZooKeeper port -1");
        assertFails(() -> ClusterDefinition.builder().brokerPort(9092).zookeeperPort(9093).brokers(3).build(),
                "ZooKeeper port 9093 is also a broker port");
    }

    @Test
    void aVersionNotBuiltInNeedsTheMavenPlugin() {
        KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                () -> ClusterDefinition.builder().kafkaVersion("3.9.1").build().start());
        assertTrue(error.getMessage().contains("Kafka 3.9.1 is not built into this engine"), error.getMessage());
        assertTrue(error.getMessage().contains("kafka-maven-plugin"), error.getMessage());
    }

    static void assertFails(Executable action, String... fragments) {
        KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class, action);
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment),
                    () -> "expected '" + fragment + "' in: " + error.getMessage());
        }
    }
}
