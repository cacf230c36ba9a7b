package io.github.kafkatestenv.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The listener on its own: orders written straight to the topic by an injected Producer, as another service would. */
class OrderConfirmerTest extends OrdersOnEmbeddedKafka {

    @Autowired
    OrderConfirmer confirmer;

    /** Injected by @EmbeddedKafka for each test, and closed after it. */
    Producer<String, String> producer;
    @KafkaClient(topic = "order-confirmations")
    Consumer<String, String> confirmations;

    @Test
    void rejectsAnOrderOfZeroItems() throws Exception {
        String id = "order-" + UUID.randomUUID();

        Records.send(producer, new ProducerRecord<>(ordersTopic, id, "pen:0"), TIMEOUT);

        assertEquals("rejected: the quantity must be 1 to 100, was 0", awaitConfirmation(confirmations, id));
        assertEquals(Optional.of("rejected: the quantity must be 1 to 100, was 0"), confirmer.outcome(id));
    }

    @Test
    void commitsWhatItProcessed() throws Exception {
        String id = "order-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>(ordersTopic, id, "lamp:1"), TIMEOUT);
        assertEquals("confirmed: 1 x lamp", awaitConfirmation(confirmations, id));

        Records.awaitConsumed(bootstrapServers, "order-confirmer", ordersTopic, TIMEOUT);
    }
}
