package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported layout, started as a user would start it, used through the test's own kafka-clients (a version
 * the brokers do not run), then closed: nothing may be left behind.
 */
class ClusterLifecycleTest {

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("3.9.2", null, 1),
                Arguments.of("3.9.2", null, 3),
                Arguments.of("3.9.2", Mode.KRAFT, 1),
                Arguments.of("3.9.2", Mode.KRAFT, 3),
                Arguments.of("4.4.0", null, 1),
                Arguments.of("4.4.0", null, 3));
    }

    @ParameterizedTest(name = "Kafka {0} mode {1}, {2} broker(s)")
    @MethodSource("layouts")
    void startsReadyServesClientsAndLeavesNothingBehind(String version, Mode mode, int brokers) throws Exception {
        LeftBehind leftBehind = LeftBehind.before();
        ClusterDefinition definition = ClusterDefinition.builder()
                .kafkaVersion(version).mode(mode).brokers(brokers)
                .topic(Topic.parse("orders:3:" + Math.min(brokers, 3)))
                .topic(Topic.of("audit").withConfig("cleanup.policy", "compact"))
                .build();
        Mode expectedMode = mode != null ? mode : version.startsWith("4") ? Mode.KRAFT : Mode.ZOOKEEPER;

        KafkaCluster cluster = leftBehind.track(definition.start());
        Path directory = cluster.directory();
        try {
            assertEquals(version, cluster.kafkaVersion());
            assertEquals(expectedMode, cluster.mode());
            assertEquals(IntStream.range(0, brokers).boxed().collect(Collectors.toList()),
                    cluster.brokers().stream().map(Broker::id).collect(Collectors.toList()));
            assertTrue(cluster.bootstrapServers().matches("127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+)*"),
                    cluster.bootstrapServers());
            assertEquals(expectedMode == Mode.ZOOKEEPER, cluster.zookeeperConnect().isPresent());
            assertTrue(Files.isDirectory(directory));

            try (Admin admin = admin(cluster)) {
                DescribeClusterResult described = admin.describeCluster();
                assertEquals(brokers, described.nodes().get(10, TimeUnit.SECONDS).size());
                assertEquals(cluster.clusterId(), described.clusterId().get(10, TimeUnit.SECONDS));
                TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get("orders");
                assertEquals(3, orders.partitions().size());
                for (TopicPartitionInfo partition : orders.partitions()) {
                    assertEquals(Math.min(brokers, 3), partition.replicas().size());
                    assertEquals(partition.replicas().size(), partition.isr().size(), "full ISR at start");
                }
                Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                        .get(10, TimeUnit.SECONDS);
                assertTrue(topics.containsAll(List.of("orders", "audit", "__consumer_offsets")), topics::toString);
            }

            Clients.send(cluster, "orders", 20);
            List<ConsumerRecord<String, String>> records =
                    Clients.read(cluster, "orders", 20, Duration.ofSeconds(60));
            assertEquals(20, records.size(), "records read from the beginning");
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                Integer previous = partitionOfKey.putIfAbsent(record.key(), record.partition());
                assertTrue(previous == null || previous == record.partition(), "one partition per key");
            }

            cluster.createTopic(Topic.parse("late:2:" + brokers));
            Clients.send(cluster, "late", 1);
            assertEquals(1, Clients.read(cluster, "late", 1, Duration.ofSeconds(60)).size());
            cluster.deleteTopic("late");
            try (Admin admin = admin(cluster)) {
                assertFalse(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains("late"));
            }
        } finally {
            cluster.close();
        }

        leftBehind.assertNothingLeft(false);
    }

    static Admin admin(KafkaCluster cluster) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return Admin.create(config);
    }
}
