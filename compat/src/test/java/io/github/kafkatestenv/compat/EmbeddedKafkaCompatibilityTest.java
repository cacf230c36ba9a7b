package io.github.kafkatestenv.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The JUnit extension with the caller's kafka-clients (whatever version this module puts on the class path): every
 * injected client, the helpers, and closing the clients after each test.
 */
@EmbeddedKafka(topics = @Topic(name = "compat-orders", partitions = 3))
class EmbeddedKafkaCompatibilityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void injectedClientsAndHelpersWork(KafkaCluster cluster, @BootstrapServers String servers,
            @TopicName("compat-orders") String orders, Admin admin, Producer<String, String> producer,
            @KafkaClient(topic = "compat-orders", groupId = "compat-extension",
                    properties = "enable.auto.commit=false") Consumer<String, String> consumer) throws Exception {
        assertEquals(cluster.bootstrapServers(), servers);
        assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(orders));
        for (int i = 0; i < 3; i++) {
            Records.send(producer, new ProducerRecord<>(orders, i, "key-" + i, "value-" + i), TIMEOUT);
        }

        List<ConsumerRecord<String, String>> records = Records.read(consumer, 3, TIMEOUT);
        assertEquals(3, records.stream().map(ConsumerRecord::partition).distinct().count());
        consumer.commitSync();
        Records.awaitConsumed(servers, "compat-extension", orders, TIMEOUT);
    }

    @Test
    void typedClientsOfConcreteClasses(KafkaProducer<Long, byte[]> producer, KafkaConsumer<Long, byte[]> consumer)
            throws Exception {
        String topic = "compat-bytes-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>(topic, 7L, new byte[] {1, 2}), TIMEOUT);
        ConsumerRecord<Long, byte[]> record = Records.read(consumer, topic, 1, TIMEOUT).get(0);
        assertEquals(7L, record.key());
        assertArrayEquals(new byte[] {1, 2}, record.value());
    }

    @Test
    void aReadThatTimesOutSaysWhatArrived(Consumer<String, String> consumer) {
        String topic = "compat-empty-" + UUID.randomUUID();
        AssertionError error = assertThrows(AssertionError.class,
                () -> Records.read(consumer, topic, 1, Duration.ofSeconds(2)));
        assertTrue(error.getMessage().startsWith("Expected"), error.getMessage());
    }
}
