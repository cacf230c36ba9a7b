package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A migration test's setup: the same records through a ZooKeeper-mode 3.9 cluster and a KRaft 4.x one. */
class TwoClustersIT {

    private final String legacy = System.getProperty("legacy.bootstrap.servers");
    private final String current = System.getProperty("current.bootstrap.servers");

    @Test
    void twoDistinctClusters() throws Exception {
        assertNotEquals(legacy, current);
        assertTrue(System.getProperty("legacy.zookeeper.connect").startsWith("127.0.0.1:"));
        assertNotEquals(clusterId(legacy), clusterId(current));
    }

    @Test
    void eachCarriesItsOwnRecords() throws Exception {
        send(legacy, "from-legacy");
        send(current, "from-current");
        assertEquals("from-legacy", readOne(legacy));
        assertEquals("from-current", readOne(current));
    }

    private static String clusterId(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static void send(String bootstrapServers, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("events", value)).get();
        }
    }

    private static String readOne(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "events-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value();
                }
            }
            throw new AssertionError("no record in events at " + bootstrapServers + " within 30 s");
        }
    }
}
