package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The switch to an existing cluster: this module's shared cluster plays the existing one, named by the system
 * property as a user would set it, and small test classes run against it through the EngineTestKit.
 */
@SharedKafka
class ExternalClusterTest {

    static final Map<String, Object> seen = new ConcurrentHashMap<>();

    @Test
    void runsTheSameTestsAgainstAnExistingClusterWithPrefixedTopicsAndSkipsWhatNeedsTheCluster(
            @BootstrapServers String servers, Admin admin) throws Exception {
        seen.clear();
        EngineExecutionResults results;
        System.setProperty(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, servers);
        try {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME,
                            ClassOrderer.OrderAnnotation.class.getName())
                    .selectors(selectClass(RoundTripTestCase.class), selectClass(ClusterFieldTestCase.class),
                            selectClass(BeforeEachClusterTestCase.class), selectClass(ConflictingTopicTestCase.class))
                    .execute();
        } finally {
            System.clearProperty(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY);
        }

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(1));
        assertEquals(List.of("parameter 0 of RoundTripTestCase.stopsABroker(...) needs a KafkaCluster (to stop or "
                + "start brokers), which the existing cluster " + servers
                + " (system property kafka.testenv.bootstrap.servers / environment variable KAFKA_TESTENV_BOOTSTRAP_SERVERS) does not give"),
                TestKit.skipReasons(results.testEvents()));
        String existing = ", which the existing cluster " + servers
                + " (system property kafka.testenv.bootstrap.servers / environment variable KAFKA_TESTENV_BOOTSTRAP_SERVERS) does not give";
        assertEquals(List.of("field ClusterFieldTestCase.cluster needs a KafkaCluster (to stop or start brokers)"
                        + existing, "parameter 0 of BeforeEachClusterTestCase.stopBroker(...) needs a KafkaCluster "
                        + "(to stop or start brokers)" + existing), TestKit.skipReasons(results.containerEvents()));
        assertEquals(List.of("@EmbeddedKafka on " + ConflictingTopicTestCase.class.getName() + " declares topic "
                + "'payments' as Topic[name=payments, partitions=3, replicationFactor=1, configs={}], but "
                + RoundTripTestCase.class.getName() + " declared it as Topic[name=payments, partitions=2, "
                + "replicationFactor=1, configs={}] and both run against the existing cluster " + servers
                + ": declare it the same way in both, or use another name"),
                TestKit.failures(results.containerEvents()));

        assertEquals(servers, seen.get("servers"));
        String payments = (String) seen.get("payments");
        assertTrue(payments.matches("kafka-testenv-[0-9a-f]{8}-payments"), payments);
        assertEquals(2, seen.get("partitions"));
        String prefix = payments.substring(0, payments.length() - "payments".length());
        Set<String> left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertFalse(left.stream().anyMatch(name -> name.startsWith(prefix)), "left behind: " + left);
    }

    /** Cluster-level attributes (three brokers) do not apply to an existing cluster; topics do. */
    @Order(1)
    @EmbeddedKafka(brokers = 3, topics = @Topic(name = "payments", partitions = 2))
    static class RoundTripTestCase {
        @Test
        void sendsAndReceivesOnThePrefixedTopic(@BootstrapServers String servers, @TopicName("payments") String topic,
                Producer<String, String> producer, @KafkaClient(topic = "payments") Consumer<String, String> consumer)
                throws Exception {
            seen.put("servers", servers);
            seen.put("payments", topic);
            seen.put("partitions", consumer.partitionsFor(topic).size());
            Records.send(producer, new ProducerRecord<>(topic, "p-1", "paid"), Duration.ofSeconds(30));
            assertEquals("paid", Records.read(consumer, 1, Duration.ofSeconds(30)).get(0).value());
        }

        @Test
        void stopsABroker(KafkaCluster cluster) {
            cluster.stopBroker(0);
        }
    }

    @Order(2)
    @EmbeddedKafka(topics = @Topic(name = "payments", partitions = 2))
    static class ClusterFieldTestCase {
        KafkaCluster cluster;

        @Test
        void stopsABroker() {
            cluster.stopBroker(0);
        }
    }

    @Order(3)
    @EmbeddedKafka
    static class BeforeEachClusterTestCase {
        @BeforeEach
        void stopBroker(KafkaCluster cluster) {
            cluster.stopBroker(0);
        }

        @Test
        void never() {
        }
    }

    @Order(4)
    @EmbeddedKafka(topics = @Topic(name = "payments", partitions = 3))
    static class ConflictingTopicTestCase {
        @Test
        void never() {
        }
    }
}
