package io.github.kafkatestenv.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Topic;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The round trip through the application: placed in a transaction with the service's {@code KafkaTemplate}, checked
 * by the listener in its own transaction. Nothing but the two annotations: {@code @EmbeddedKafka} gives the Spring
 * context the cluster before it is built.
 */
@SpringBootTest
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "order-confirmations", partitions = 3),
        @Topic(name = "item-totals", partitions = 3)})
class OrderServiceTest {

    @Autowired
    OrderService orderService;
    @Autowired
    OrderConfirmer confirmer;

    @Test
    void confirmsAnOrderPlacedThroughTheService(@KafkaClient(topic = "order-confirmations",
            properties = "isolation.level=read_committed") Consumer<String, String> confirmations) {
        String id = "order-" + UUID.randomUUID();

        orderService.place(new Order(id, "book", 2));

        assertEquals("confirmed: 2 x book", Awaits.value(confirmations, id));
    }

    @Test
    void anAbortedBatchIsNeverConfirmed(@KafkaClient(topic = "order-confirmations",
            properties = "isolation.level=read_committed") Consumer<String, String> confirmations) {
        String aborted = "order-" + UUID.randomUUID();
        String later = "order-" + UUID.randomUUID();

        assertThrows(IllegalArgumentException.class, () -> orderService.placeAll(List.of(
                new Order(aborted, "pen", 1), new Order("order-" + UUID.randomUUID(), "", 1))));
        orderService.placeAll(List.of(new Order(later, "pen", 1)));

        assertEquals("confirmed: 1 x pen", Awaits.value(confirmations, later));
        assertEquals(Optional.empty(), confirmer.outcome(aborted), "the order of the aborted batch");
    }
}
