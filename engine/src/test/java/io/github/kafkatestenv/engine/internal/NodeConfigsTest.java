package io.github.kafkatestenv.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Node configuration is a pure function of the definition and the port plan: no Kafka starts here. */
class NodeConfigsTest {

    private static final Path DIRECTORY = Path.of("/tmp/kafka-testenv-unit");

    @Test
    void zooKeeperBrokerHasTestDefaultsItsIdListenerAndZooKeeper() {
        ClusterDefinition definition = ClusterDefinition.builder().brokers(3).build();
        PortPlan ports = new PortPlan(2181, new int[] {9092, 9093, 9094}, new int[] {9092, 9093, 9094},
                new int[3]);

        Properties config = NodeConfigs.of(definition, 1, ports, 2181, DIRECTORY, null);

        assertEquals("1", config.getProperty("broker.id"));
        assertEquals("PLAINTEXT://127.0.0.1:9093", config.getProperty("listeners"));
        assertEquals("127.0.0.1:2181", config.getProperty("zookeeper.connect"));
        assertEquals(DIRECTORY.resolve("broker-1").toString(), config.getProperty("log.dirs"));
        assertEquals("3", config.getProperty("offsets.topic.replication.factor"));
        assertEquals("2", config.getProperty("transaction.state.log.min.isr"));
        assertEquals("0", config.getProperty("group.initial.rebalance.delay.ms"));
        assertEquals("false", config.getProperty("controlled.shutdown.enable"));
        assertFalse(config.containsKey("process.roles"));
    }

    @Test
    void kraftNodeIsACombinedVoterThatKnowsEveryController() {
        ClusterDefinition definition = ClusterDefinition.builder().mode(Mode.KRAFT).brokers(2).build();
        PortPlan ports = new PortPlan(0, new int[] {0, 0}, new int[] {0, 0}, new int[] {7001, 7002});

        Properties config = NodeConfigs.of(definition, 0, ports, 0, DIRECTORY, null);

        assertEquals("0", config.getProperty("node.id"));
        assertEquals("broker,controller", config.getProperty("process.roles"));
        assertEquals("0@127.0.0.1:7001,1@127.0.0.1:7002", config.getProperty("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:7001", config.getProperty("listeners"));
        assertEquals("2", config.getProperty("offsets.topic.replication.factor"));
        assertFalse(config.containsKey("zookeeper.connect"));
        assertFalse(config.containsKey("controlled.shutdown.enable"));
    }

    @Test
    void userPropertiesOverrideDefaultsButNotWhatShapesTheCluster() {
        ClusterDefinition definition = ClusterDefinition.builder()
                .brokerProperty("group.initial.rebalance.delay.ms", "3000")
                .brokerProperty("log.retention.ms", "60000")
                .build();
        PortPlan ports = new PortPlan(2181, new int[] {9092}, new int[] {9092}, new int[1]);

        Properties config = NodeConfigs.of(definition, 0, ports, 2181, DIRECTORY, null);

        assertEquals("3000", config.getProperty("group.initial.rebalance.delay.ms"));
        assertEquals("60000", config.getProperty("log.retention.ms"));
        assertEquals("0", config.getProperty("broker.id"));
    }

    @Test
    void securedNodeHasAClientAndAnInternalListenerAndAnAuthorizer() {
        ClusterDefinition definition = ClusterDefinition.builder().mode(Mode.KRAFT)
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT).user("alice", "alice-secret")
                .superUser("alice").build();
        PortPlan ports = new PortPlan(0, new int[] {9092}, new int[] {9192}, new int[] {9292});
        ClusterSecurity security = ClusterSecurity.of(definition, DIRECTORY);

        Properties config = NodeConfigs.of(definition, 0, ports, 0, DIRECTORY, security);

        String listeners = config.getProperty("listeners");
        assertTrue(listeners.contains("CLIENT://127.0.0.1:9092"), listeners);
        assertTrue(listeners.contains("INTERNAL://127.0.0.1:9192"), listeners);
        assertTrue(listeners.contains("CONTROLLER://127.0.0.1:9292"), listeners);
        assertTrue(config.getProperty("listener.security.protocol.map").contains("CLIENT:SASL_PLAINTEXT"),
                config.getProperty("listener.security.protocol.map"));
        assertTrue(config.getProperty("authorizer.class.name").endsWith("StandardAuthorizer"));
        assertTrue(config.getProperty("super.users").contains("User:alice"));
    }
}
