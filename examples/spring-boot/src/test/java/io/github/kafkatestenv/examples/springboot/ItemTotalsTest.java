package io.github.kafkatestenv.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Topic;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The Kafka Streams topology, fed by the whole application: orders placed, confirmed, then added up per item. */
@SpringBootTest
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "order-confirmations", partitions = 3),
        @Topic(name = "item-totals", partitions = 3)})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemTotalsTest {

    @Autowired
    OrderService orderService;

    @Test
    void addsUpTheConfirmedQuantitiesOfEachItem(
            @KafkaClient(topic = "item-totals") Consumer<String, Long> totals) {
        String item = "globe-" + UUID.randomUUID();

        orderService.place(new Order("order-" + UUID.randomUUID(), item, 2));
        orderService.place(new Order("order-" + UUID.randomUUID(), item, 0));
        orderService.place(new Order("order-" + UUID.randomUUID(), item, 3));

        assertEquals(5L, Awaits.value(totals, item, total -> total == 5L), "2 + 3, the rejected 0 left out");
    }
}
