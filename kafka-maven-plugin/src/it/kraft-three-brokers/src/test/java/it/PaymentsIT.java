package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A 3-node KRaft cluster as kafka:start published it, seen by a Kafka 4 client. */
class PaymentsIT {

    private final String bootstrapServers = System.getProperty("kafka.testenv.bootstrap.servers");

    @Test
    void threeBrokersAndAFullyReplicatedTopic() throws Exception {
        assertEquals("kraft", System.getProperty("kafka.testenv.cluster.mode"));
        assertEquals(3, bootstrapServers.split(",").length, bootstrapServers);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertEquals(3, admin.describeCluster().nodes().get().size());
            TopicDescription payments = admin.describeTopics(Set.of("payments")).allTopicNames().get()
                    .get("payments");
            assertEquals(3, payments.partitions().size());
            for (TopicPartitionInfo partition : payments.partitions()) {
                assertEquals(3, partition.replicas().size());
                assertEquals(3, partition.isr().size());
            }
        }
    }

    @Test
    void acknowledgedByAllReplicasAndReadBack() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("payments", "payment-" + i, "settled")).get();
            }
        }
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "payments-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("payments"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (keys.size() < 5 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        keys.sort(null);
        assertEquals(List.of("payment-0", "payment-1", "payment-2", "payment-3", "payment-4"), keys);
    }
}
