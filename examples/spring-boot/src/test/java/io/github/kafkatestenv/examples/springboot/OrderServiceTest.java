package io.github.kafkatestenv.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.KafkaClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The round trip through the application: placed with the service's KafkaTemplate, checked by the listener. */
class OrderServiceTest extends OrdersOnEmbeddedKafka {

    @Autowired
    OrderService orderService;

    @Test
    void confirmsAnOrderPlacedThroughTheService(
            @KafkaClient(topic = "order-confirmations") Consumer<String, String> confirmations) throws Exception {
        String id = "order-" + UUID.randomUUID();

        orderService.place(new Order(id, "book", 2)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("confirmed: 2 x book", awaitConfirmation(confirmations, id));
    }
}
