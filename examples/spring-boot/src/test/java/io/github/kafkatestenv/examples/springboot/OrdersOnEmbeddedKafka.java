package io.github.kafkatestenv.examples.springboot;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application (template, listener, Boot's auto-configured clients) against a real Kafka cluster from
 * {@code @EmbeddedKafka}, declared once here: the test classes that extend it share one cluster and one Spring
 * context. The extension fills the static fields before Spring builds the context, and
 * {@link #kafka(DynamicPropertyRegistry)} hands them to Boot as {@code spring.kafka.bootstrap-servers} and the
 * application's topic names.
 */
@SpringBootTest(properties = "logging.level.org.apache.kafka=warn")
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "order-confirmations", partitions = 3)})
abstract class OrdersOnEmbeddedKafka {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BootstrapServers
    static String bootstrapServers;
    @TopicName("orders")
    static String ordersTopic;
    @TopicName("order-confirmations")
    static String confirmationsTopic;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
        registry.add("orders.topic", () -> ordersTopic);
        registry.add("orders.confirmations-topic", () -> confirmationsTopic);
    }

    /**
     * Reads the confirmations topic (other tests' confirmations too) until the one for {@code orderId} arrives, and
     * returns it; fails with what was read if it does not come within the timeout.
     */
    static String awaitConfirmation(Consumer<String, String> confirmations, String orderId) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : confirmations.poll(Duration.ofMillis(200))) {
                if (orderId.equals(record.key())) {
                    return record.value();
                }
                seen.add(record.key() + "=" + record.value());
            }
        }
        throw new AssertionError("Expected a confirmation for " + orderId + " within " + TIMEOUT + ", but saw only "
                + seen);
    }
}
