package io.github.kafkatestenv.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The caller's kafka-clients (whatever version this module puts on the class path: 2.8, 3.x, 4.x) against release
 * lines from 3.0 to 4.4, in the JVM and in processes: admin, keyed produce, consume in a group, committed offsets.
 * Kafka 4 brokers refuse clients older than 2.1; every client here is newer, so every line speaks to each.
 */
class ClientCompatibilityTest {

    static Stream<Arguments> clusters() {
        return Stream.of(Arguments.of("3.9.2", null, 1), Arguments.of("4.4.0", null, 3),
                Arguments.of("4.2.2", null, 1), // in the JVM, not built in
                Arguments.of("3.0.2", Mode.ZOOKEEPER, 1), Arguments.of("3.6.2", Mode.KRAFT, 1)); // in processes
    }

    @Test
    void theCallersClientsAreTheOnlyKafkaOnItsClassPath() {
        assertEquals(System.getProperty("expected.kafka.clients.version"), clientsVersion());
        for (String brokerClass : List.of("kafka.server.KafkaServer", "kafka.server.KafkaRaftServer",
                "org.apache.zookeeper.server.ZooKeeperServer", "scala.Option")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(brokerClass), brokerClass);
        }
    }

    @ParameterizedTest(name = "Kafka {0} {1}, {2} broker(s)")
    @MethodSource("clusters")
    void clientsWorkAgainstTheCluster(String version, Mode mode, int brokers) throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder().kafkaVersion(version).mode(mode).brokers(brokers)
                .topic(Topic.parse("orders:3:" + brokers)).build().start()) {
            assertEquals(version, cluster.kafkaVersion());
            try (Admin admin = Admin.create(config(cluster, AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))) {
                assertEquals(brokers, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
                admin.createTopics(List.of(new NewTopic("payments", 2, (short) brokers)))
                        .all().get(30, TimeUnit.SECONDS);
            }

            Properties producerConfig = config(cluster, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(i % 2 == 0 ? "orders" : "payments", "key-" + (i % 5),
                            "value-" + i)).get(30, TimeUnit.SECONDS);
                }
            }

            Properties consumerConfig = config(cluster, ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
            consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "compat");
            consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("orders", "payments"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (records.size() < 30 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
                consumer.commitSync();
            }
            assertEquals(30, records.size(), "every record consumed");
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                String key = record.topic() + "/" + record.key();
                assertEquals(partitionOfKey.computeIfAbsent(key, k -> record.partition()), record.partition(),
                        "a key stays on one partition");
            }

            try (Admin admin = Admin.create(config(cluster, AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("compat")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                assertEquals(30, total, "committed offsets cover every record");
                assertTrue(committed.keySet().stream().anyMatch(tp -> tp.topic().equals("payments")));
            }
        }
    }

    /** The version kafka-clients reports, read as it reads it (its class moved between 3.x and 4.x). */
    private static String clientsVersion() {
        Properties version = new Properties();
        try (var in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            version.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("kafka-clients has no kafka/kafka-version.properties", e);
        }
        return version.getProperty("version");
    }

    private static Properties config(KafkaCluster cluster, String bootstrapKey) {
        Properties config = new Properties();
        config.put(bootstrapKey, cluster.bootstrapServers());
        return config;
    }
}
