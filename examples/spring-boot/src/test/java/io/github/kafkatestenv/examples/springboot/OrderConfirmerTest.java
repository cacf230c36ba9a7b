package io.github.kafkatestenv.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The listener on its own: orders written straight to the topic by an injected {@code Producer}, as another service
 * would. One test instance for the class: Spring builds the context when it makes the instance, before any
 * {@code beforeAll}, and still gets the cluster.
 */
@SpringBootTest
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "order-confirmations", partitions = 3),
        @Topic(name = "item-totals", partitions = 3)})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderConfirmerTest {

    @Autowired
    OrderConfirmer confirmer;

    /** Injected by @EmbeddedKafka, and closed after the class. */
    Producer<String, String> producer;
    @KafkaClient(topic = "order-confirmations", properties = "isolation.level=read_committed")
    Consumer<String, String> confirmations;

    @Test
    void rejectsAnOrderOfZeroItems() throws Exception {
        String id = "order-" + UUID.randomUUID();

        Records.send(producer, new ProducerRecord<>("orders", id, "pen:0"), Awaits.TIMEOUT);

        assertEquals("rejected: the quantity must be 1 to 100, was 0", Awaits.value(confirmations, id));
        assertEquals(Optional.of("rejected: the quantity must be 1 to 100, was 0"), confirmer.outcome(id));
    }

    @Test
    void rejectsWhatIsNotAnOrder() throws Exception {
        String id = "order-" + UUID.randomUUID();

        Records.send(producer, new ProducerRecord<>("orders", id, "three lamps"), Awaits.TIMEOUT);

        assertEquals("rejected: expected item:quantity, got three lamps", Awaits.value(confirmations, id));
    }
}
