package io.github.kafkatestenv.junit.migration;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The {@code spring.embedded.kafka.brokers} system property. Before, on spring-kafka-test, which sets it (and
 * {@code spring.kafka.bootstrap-servers}) for the JVM when the broker starts:
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = "orders")
 * class SystemPropertyTest {
 *     @Test
 *     void connectsWithTheSystemProperty() throws Exception {
 *         Map<String, Object> config = new HashMap<>();
 *         config.put("bootstrap.servers", System.getProperty("spring.embedded.kafka.brokers"));
 *         try (Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
 *                 new StringSerializer())) {
 *             producer.send(new ProducerRecord<>("orders", "k", "v")).get(30, TimeUnit.SECONDS);
 *         }
 *     }
 * }
 * }</pre>
 */
@Order(4)
@EmbeddedKafka(topics = @Topic(name = "orders"))
class SystemPropertyTestCase {

    @Test
    void connectsWithTheSystemProperty() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", System.getProperty("spring.embedded.kafka.brokers"));
        try (Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            Records.send(producer, new ProducerRecord<>("orders", "k", "v"), Duration.ofSeconds(30));
        }
    }
}
