package io.github.kafkatestenv.examples.microservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.TopicName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The shop on a shared single-broker cluster: the happy path, orders in and one notification per step out, each
 * order's steps in the order they were sent; and records no service can process, which go to the dead-letter
 * topic with the reason while the flow goes on behind them.
 */
@ShopKafka
class ShopTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BootstrapServers
    String bootstrapServers;
    private final Topics topics;

    ShopTest(@TopicName("order-requests") String requests, @TopicName("orders") String orders,
             @TopicName("payments") String payments, @TopicName("notifications") String notifications,
             @TopicName("dead-letters") String deadLetters) {
        this.topics = new Topics(requests, orders, payments, notifications, deadLetters);
    }

    @Test
    void notifiesEveryStepOfEveryOrderInOrder(Producer<String, String> producer,
            Consumer<String, String> reader, Consumer<String, String> deadLetterReader) throws Exception {
        List<String> orderIds = ShopTraffic.newOrderIds(20);

        try (Shop shop = Shop.start(bootstrapServers, topics)) {
            for (int step = 1; step <= ShopTraffic.STEPS; step++) {
                ShopTraffic.sendStep(producer, topics.requests(), orderIds, step, TIMEOUT);
            }
            ShopTraffic.awaitAllProcessed(bootstrapServers, topics, TIMEOUT);
            assertNull(shop.failure(), "a service stopped on its own");
        }

        Map<String, List<Integer>> partitions = new HashMap<>();
        ShopTraffic.assertNotified(ShopTraffic.expectedNotifications(orderIds),
                ShopTraffic.readToEnd(reader, topics.notifications(), orderIds, partitions, TIMEOUT));
        ShopTraffic.assertOnePartitionPerOrder(partitions);
        Map<String, List<String>> deadLettered = ShopTraffic.readToEnd(deadLetterReader, topics.deadLetters(), orderIds,
                new HashMap<>(), TIMEOUT);
        assertTrue(deadLettered.values().stream().allMatch(List::isEmpty), "dead-lettered: " + deadLettered);
    }

    @Test
    void deadLettersPoisonMessagesWithTheReasonAndKeepsGoing(Producer<String, String> producer,
            Consumer<String, String> reader, Consumer<String, String> deadLetterReader) throws Exception {
        String orderId = ShopTraffic.newOrderIds(1).get(0);
        String unparseable = "this is not an order " + UUID.randomUUID();
        String unknownType = "seq=2;type=SHIPPED;amount=1.00";
        String unkeyed = "seq=1;type=PLACED;amount=1.00;note=" + UUID.randomUUID();

        try (Shop shop = Shop.start(bootstrapServers, topics)) {
            // all on the order's partition, so the good steps 2 and 3 wait behind the poison
            send(producer, topics.requests(), orderId, ShopTraffic.request(0, 1));
            send(producer, topics.requests(), orderId, unparseable);
            send(producer, topics.requests(), orderId, unknownType);
            send(producer, topics.requests(), null, unkeyed);
            send(producer, topics.requests(), orderId, ShopTraffic.request(0, 2));
            send(producer, topics.requests(), orderId, ShopTraffic.request(0, 3));
            ShopTraffic.awaitAllProcessed(bootstrapServers, topics, TIMEOUT);
            assertNull(shop.failure(), "a service stopped on its own");
        }

        ShopTraffic.assertNotified(ShopTraffic.expectedNotifications(List.of(orderId)),
                ShopTraffic.readToEnd(reader, topics.notifications(), List.of(orderId), new HashMap<>(), TIMEOUT));

        Map<String, ConsumerRecord<String, String>> dead = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(deadLetterReader, topics.deadLetters())) {
            dead.put(record.value(), record);
        }
        assertDeadLettered(dead.get(unparseable), orderId, topics.requests(), "orders: expected 'seq=<n>;type=<TYPE>;"
                + "amount=<0.00>' but got '" + unparseable + "'");
        assertDeadLettered(dead.get(unknownType), orderId, topics.requests(),
                "orders: unknown order event type 'SHIPPED', expected one of");
        assertDeadLettered(dead.get(unkeyed), null, topics.requests(),
                "orders: the record has no key: every event needs its order id");
    }

    private static void send(Producer<String, String> producer, String topic, String key, String value)
            throws InterruptedException {
        Records.send(producer, new ProducerRecord<>(topic, key, value), TIMEOUT);
    }

    /** Every record of the dead-letter topic, which earlier tests may have written to as well. */
    private static List<ConsumerRecord<String, String>> readAll(Consumer<String, String> consumer, String topic) {
        int count = Math.toIntExact(consumer.endOffsets(List.of(new TopicPartition(topic, 0)),
                TIMEOUT).values().iterator().next());
        return Records.read(consumer, topic, count, TIMEOUT);
    }

    private static void assertDeadLettered(ConsumerRecord<String, String> record, String key, String sourceTopic,
                                           String reasonStart) {
        assertTrue(record != null, "expected a dead letter starting with reason '" + reasonStart + "'");
        assertEquals(key, record.key());
        String reason = header(record, Service.REASON_HEADER);
        assertTrue(reason.startsWith(reasonStart), reason);
        assertTrue(header(record, Service.SOURCE_HEADER).startsWith(sourceTopic + "-"),
                header(record, Service.SOURCE_HEADER));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "dead letter " + record.value() + " has no header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
