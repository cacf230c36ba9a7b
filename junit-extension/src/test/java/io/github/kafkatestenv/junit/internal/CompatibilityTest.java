package io.github.kafkatestenv.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spring-kafka-test's defaults fill only what a declaration leaves out: 2 partitions, as many replicas as brokers,
 * {@code num.partitions=2} and a cluster per class; what the declaration says stays as it is.
 */
class CompatibilityTest {

    @Test
    void kafkaTestEnvDefaultsAreOnePartitionOneReplicaAndASharedCluster() {
        Declaration declaration = Declaration.find(LeftOut.class, Compatibility.NONE).orElseThrow();
        assertEquals(List.of(new Topic("orders", 1, 1, Map.of())), declaration.definition().topics());
        assertFalse(declaration.definition().brokerProperties().containsKey("num.partitions"));
        assertFalse(declaration.freshCluster());
    }

    @Test
    void springKafkaTestDefaultsAreTwoPartitionsAReplicaPerBrokerAndAClusterPerClass() {
        Declaration declaration = Declaration.find(LeftOut.class, Compatibility.SPRING_KAFKA_TEST).orElseThrow();
        ClusterDefinition definition = declaration.definition();
        assertEquals(List.of(new Topic("orders", 2, 3, Map.of())), definition.topics());
        assertEquals("2", definition.brokerProperties().get("num.partitions"));
        assertTrue(declaration.freshCluster());
    }

    @Test
    void whatTheDeclarationSaysWinsOverSpringKafkaTestDefaults() {
        ClusterDefinition definition = Declaration.find(Explicit.class, Compatibility.SPRING_KAFKA_TEST)
                .orElseThrow().definition();
        assertEquals(List.of(new Topic("orders", 1, 1, Map.of())), definition.topics());
        assertEquals("5", definition.brokerProperties().get("num.partitions"));
    }

    @EmbeddedKafka(brokers = 3, topics = @io.github.kafkatestenv.junit.Topic(name = "orders"))
    static class LeftOut {
    }

    @EmbeddedKafka(brokers = 3, brokerProperties = "num.partitions=5",
            topics = @io.github.kafkatestenv.junit.Topic(name = "orders", partitions = 1, replicationFactor = 1))
    static class Explicit {
    }
}
