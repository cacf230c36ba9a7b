package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.Grant.Operation;
import io.github.kafkatestenv.engine.Grant.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Definitions that cannot work fail when built, before anything starts, with an {@link InvalidSettingException} that
 * names the settings at fault (its message in the builder's words), the value and what to do.
 */
class DefinitionErrorsTest {

    @Test
    void theMessageNamesTheBuilderMethodAndTheExceptionTheSetting() {
        InvalidSettingException error = assertThrows(InvalidSettingException.class,
                () -> ClusterDefinition.builder().brokers(0).build());
        assertEquals(List.of(Setting.BROKERS), error.settings());
        assertEquals("A cluster has 1 to 9 brokers, not 0", error.problem());
        assertEquals("brokers(...): A cluster has 1 to 9 brokers, not 0", error.getMessage());

        InvalidSettingException both = assertThrows(InvalidSettingException.class,
                () -> ClusterDefinition.builder().kafkaVersion("4.4.0").mode(Mode.ZOOKEEPER).build());
        assertEquals(List.of(Setting.MODE, Setting.KAFKA_VERSION), both.settings());
        assertTrue(both.getMessage().startsWith("mode(...), kafkaVersion(...): ZooKeeper mode needs Kafka 3.x"),
                both.getMessage());
        assertEquals("kafka.testenv.kafkaVersion", Setting.KAFKA_VERSION.property());
    }

    @Test
    void invalidTopicNames() {
        assertFails(() -> Topic.of("orders/eu"), Setting.TOPICS, "Invalid topic name 'orders/eu'", "letters, digits");
        assertFails(() -> Topic.of(".."), Setting.TOPICS, "Invalid topic name '..'");
        assertFails(() -> Topic.of("${app.topics.orders}"), Setting.TOPICS, "letters, digits",
                "nothing replaced that placeholder: write the topic's name itself");
        assertFails(() -> Topic.of("x".repeat(250)), Setting.TOPICS, "250 characters", "at most 249");
        assertFails(() -> Topic.of(""), Setting.TOPICS, "needs a name");
    }

    @Test
    void invalidTopicSpecs() {
        assertFails(() -> Topic.parse("orders:0:1"), Setting.TOPICS, "'orders' has 0 partitions", "at least 1");
        assertFails(() -> Topic.parse("orders:3:0"), Setting.TOPICS, "replication factor 0");
        assertFails(() -> Topic.parse("orders:three"), Setting.TOPICS, "partitions 'three' is not a number",
                "orders:3:1");
        assertFails(() -> Topic.parse("a:1:1:1"), Setting.TOPICS, "Invalid topic 'a:1:1:1'",
                "name[:partitions[:replicationFactor]]");
        assertEquals(new Topic("orders", 3, 2, Map.of()), Topic.parse(" orders:3:2 "));
        assertEquals(2, Topic.parseList("a:1,b:2:1,").size());
    }

    @Test
    void replicationFactorAboveBrokers() {
        InvalidSettingException error = assertFails(
                () -> ClusterDefinition.builder().brokers(2).topic(Topic.parse("orders:3:3")).build(), Setting.TOPICS,
                "'orders' has replication factor 3 but the cluster has 2 brokers", "raise brokers");
        assertEquals(List.of(Setting.TOPICS, Setting.BROKERS), error.settings());
    }

    @Test
    void brokersOutsideOneToNine() {
        assertFails(() -> ClusterDefinition.builder().brokers(0).build(), Setting.BROKERS, "1 to 9 brokers, not 0");
        assertFails(() -> ClusterDefinition.builder().brokers(10).build(), Setting.BROKERS, "1 to 9 brokers, not 10");
    }

    @Test
    void unknownModeOrVersion() {
        assertFails(() -> Mode.parse("raft"), Setting.MODE, "Unknown mode 'raft'", "ZOOKEEPER", "KRAFT");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("2.8.2").build(), Setting.KAFKA_VERSION,
                "Unsupported Kafka version '2.8.2'", "3.0.0", "4.x");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("latest").build(), Setting.KAFKA_VERSION,
                "'latest'");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("4.1").build(), Setting.KAFKA_VERSION,
                "Kafka version '4.1' names a line, not a release: give all three numbers, e.g. 3.9.2 or 4.4.0");
        assertFails(() -> ClusterDefinition.builder().kafkaVersion("4.4.0").mode(Mode.ZOOKEEPER).build(),
                Setting.MODE, "ZooKeeper mode needs Kafka 3.x", "4.4.0", "KRAFT");
        assertEquals(Mode.KRAFT, Mode.parse(" kraft "));
        assertEquals(Mode.ZOOKEEPER, Mode.parse("ZK"));
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
                Setting.TOPICS, "'orders' is declared twice");
    }

    @Test
    void reservedOrBrokenBrokerProperties() {
        assertFails(() -> ClusterDefinition.builder().brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092").build(),
                Setting.BROKER_PROPERTIES, "'listeners' is set by kafka-testenv", "chooses free ports");
        assertFails(() -> ClusterDefinition.builder().brokerProperty(" ", "x").build(), Setting.BROKER_PROPERTIES,
                "empty name");
    }

    @Test
    void badSecurity() {
        assertFails(() -> SecurityProtocol.parse("TLS"), Setting.SECURITY_PROTOCOL, "Unknown security protocol 'TLS'",
                "SASL_SSL");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT).build(),
                Setting.USERS, "securityProtocol SASL_PLAINTEXT needs at least one user", "alice:alice-secret");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_SSL).user("alice", "")
                .build(), Setting.USERS, "User 'alice' has no password", "alice:<password>");
        assertFails(() -> ClusterDefinition.builder().user("alice", "secret").build(), Setting.USERS,
                "Users [alice] are declared", "PLAINTEXT nobody logs in");
        assertFails(() -> SaslMechanism.parse("GSSAPI"), Setting.SASL_MECHANISM, "Unknown SASL mechanism 'GSSAPI'",
                "SCRAM-SHA-512");
        assertEquals(SaslMechanism.SCRAM_SHA_256, SaslMechanism.parse("scram_sha_256"));
        assertEquals("SCRAM-SHA-512", SaslMechanism.parse("SCRAM-SHA-512").toString());
        assertFails(() -> ClusterDefinition.builder().saslMechanism(SaslMechanism.PLAIN).build(),
                Setting.SASL_MECHANISM, "saslMechanism PLAIN is set but securityProtocol is PLAINTEXT");
        assertFails(() -> ClusterDefinition.builder().mutualTls(true).build(), Setting.MUTUAL_TLS,
                "mutualTls needs a TLS listener");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SSL).mutualTls(true).build(),
                Setting.USERS, "mutualTls needs at least one user");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .user("alice", "a").user("alice", "b").build(), Setting.USERS, "User 'alice' is declared twice");
        assertFails(() -> User.parse("al/ice:x"), Setting.USERS, "Invalid user name 'al/ice'");
        // A typo that puts the password into the name or leaves the name out never shows the password.
        for (String typo : List.of("alice hunter2", "alice=hunter2", ":hunter2")) {
            InvalidSettingException error = assertThrows(InvalidSettingException.class, () -> User.parse(typo));
            assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
        }
        assertFails(() -> User.parse(":x"), Setting.USERS,
                "Invalid user: it has no name before the ':'; use name:password, for example alice:alice-secret");
        assertFails(() -> ClusterDefinition.builder().securityProtocol(SecurityProtocol.SASL_PLAINTEXT).user("a", "b")
                .brokerProperty("listener.name.client.plain.sasl.jaas.config", "x").build(),
                Setting.BROKER_PROPERTIES, "is set by kafka-testenv on a secured cluster's listeners");
        assertFails(() -> new User("kafka-testenv", "x"), Setting.USERS, "the engine's own");
        assertFails(() -> new User("alice", "say \"hi\""), Setting.USERS, "double quote");
        assertFails(() -> ClusterDefinition.builder().superUser("Group:ops").build(), Setting.SUPER_USERS,
                "Invalid principal 'Group:ops'");
        assertFails(() -> ClusterDefinition.builder().brokerProperty("super.users", "User:x").build(),
                Setting.BROKER_PROPERTIES, "'super.users' is set by kafka-testenv", "superUsers and grants");
    }

    @Test
    void grantsNameTheTokenThatIsWrong() {
        assertFails(() -> Grant.parse("alice topic:orders"), Setting.GRANTS, "Invalid grant 'alice topic:orders'",
                "read,write");
        assertFails(() -> Grant.parse("alice table:orders read"), Setting.GRANTS,
                "Invalid grant 'alice table:orders read': unknown resource type 'table'; use topic, group, cluster,"
                        + " transactional_id");
        assertFails(() -> Grant.parse("alice topic:orders read,fly"), Setting.GRANTS,
                "Invalid grant 'alice topic:orders read,fly': unknown operation 'fly'; use all, read, write",
                "idempotent_write");
        assertFails(() -> Grant.parse("alice topic read"), Setting.GRANTS, "needs a name, as in topic:orders");
        assertFails(() -> Grant.parse("al:ice topic:orders read"), Setting.GRANTS, "Invalid principal 'al:ice'");
        assertFails(() -> new Grant("alice", ResourceType.TOPIC, "orders", false, Set.of()), Setting.GRANTS,
                "names no operation");
    }

    @Test
    void grantsParseIntoTheTypedModel() {
        Grant prefixed = Grant.parse("User:alice group:app-* read,DESCRIBE,read");
        assertEquals(new Grant("alice", ResourceType.GROUP, "app-", true, Set.of(Operation.DESCRIBE, Operation.READ)),
                prefixed);
        assertEquals("User:alice group:app-* read,describe", prefixed.toString());
        assertEquals(prefixed, Grant.parse(prefixed.toString()), "toString is the compact form");
        Grant cluster = Grant.parse("bob cluster idempotent-write");
        assertEquals(ResourceType.CLUSTER, cluster.resourceType());
        assertEquals("kafka-cluster", cluster.resourceName());
        assertEquals(Set.of(Operation.IDEMPOTENT_WRITE), cluster.operations());
        assertEquals(2, Grant.parseList("a topic:x read; b topic:* write;").size());
        assertTrue(ClusterDefinition.builder().grant(prefixed).build().authorizer(), "a grant turns ACLs on");
        assertFalse(User.parse("alice:s3cret").toString().contains("s3cret"), "a user never shows its password");
    }

    @Test
    void invalidPorts() {
        assertFails(() -> ClusterDefinition.builder().brokerPort(70000).build(), Setting.BROKER_PORT,
                "Invalid brokerPort 70000", "0 for a free port");
        assertFails(() -> ClusterDefinition.builder().zookeeperPort(-1).build(), Setting.ZOOKEEPER_PORT,
                "Invalid zookeeperPort -1");
        assertFails(() -> ClusterDefinition.builder().brokerPort(9092).zookeeperPort(9093).brokers(3).build(),
                Setting.ZOOKEEPER_PORT, "zookeeperPort 9093 is also a broker port");
        assertEquals(0, ClusterDefinition.builder().mode(Mode.KRAFT).brokers(3).brokerPort(2180).zookeeperPort(2181)
                .build().zookeeperPort(), "KRaft mode has no ZooKeeper: its port is not one to clash with");
    }

    /** Fails unless {@code action} throws for {@code setting} (the first at fault) with every fragment in it. */
    static InvalidSettingException assertFails(Executable action, Setting setting, String... fragments) {
        InvalidSettingException error = assertThrows(InvalidSettingException.class, action);
        assertEquals(setting, error.settings().get(0), error.getMessage());
        for (String fragment : fragments) {
            assertTrue(error.problem().contains(fragment),
                    () -> "expected '" + fragment + "' in: " + error.problem());
        }
        return error;
    }
}
