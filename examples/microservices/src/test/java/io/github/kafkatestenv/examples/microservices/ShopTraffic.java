package io.github.kafkatestenv.examples.microservices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a customer sends and should get back, and the waiting that goes with it. */
final class ShopTraffic {

    /** The steps every test order goes through, in this order. */
    static final int STEPS = 3;

    private ShopTraffic() {
    }

    /** {@code count} order ids no other test uses. */
    static List<String> newOrderIds(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> "o-" + run + "-" + i).collect(Collectors.toList());
    }

    /** Step {@code step} (1 to {@link #STEPS}) of order number {@code n}, as a customer sends it. */
    static String request(int n, int step) {
        return switch (step) {
            case 1 -> "seq=1;type=PLACED;amount=" + amount(n) + ".00";
            case 2 -> "seq=2;type=AMENDED;amount=" + (amount(n) + 5) + ".00";
            case 3 -> "seq=3;type=CANCELLED;amount=" + (amount(n) + 5) + ".00";
            default -> throw new IllegalArgumentException("no step " + step);
        };
    }

    /** The notification step {@code step} of order {@code orderId}, number {@code n}, should give. */
    static String notification(String orderId, int n, int step) {
        return switch (step) {
            case 1 -> "step 1: order " + orderId + " paid, " + amount(n) + ".00 charged";
            case 2 -> "step 2: order " + orderId + " amended, now " + (amount(n) + 5) + ".00";
            case 3 -> "step 3: order " + orderId + " cancelled, " + (amount(n) + 5) + ".00 refunded";
            default -> throw new IllegalArgumentException("no step " + step);
        };
    }

    /** Order number {@code n}'s amount when placed, in whole units; amending adds 5. */
    private static int amount(int n) {
        return 10 + n;
    }

    /** Every order's notifications, steps 1 to {@link #STEPS} in order. */
    static Map<String, List<String>> expectedNotifications(List<String> orderIds) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int n = 0; n < orderIds.size(); n++) {
            int number = n;
            expected.put(orderIds.get(n), IntStream.rangeClosed(1, STEPS)
                    .mapToObj(step -> notification(orderIds.get(number), number, step)).collect(Collectors.toList()));
        }
        return expected;
    }

    /** Sends step {@code step} of every order, keyed by its id, and waits for the acknowledgements. */
    static void sendStep(Producer<String, String> producer, String requests, List<String> orderIds, int step,
                         Duration timeout) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int n = 0; n < orderIds.size(); n++) {
            sent.add(producer.send(new ProducerRecord<>(requests, orderIds.get(n), request(n, step))));
        }
        for (Future<RecordMetadata> result : sent) {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until each service has committed everything in its input topic, upstream first. */
    static void awaitAllProcessed(String bootstrapServers, Topics topics, Duration timeout) throws Exception {
        Records.awaitConsumed(bootstrapServers, "orders", topics.requests(), timeout);
        Records.awaitConsumed(bootstrapServers, "payments", topics.orders(), timeout);
        Records.awaitConsumed(bootstrapServers, "notifications", topics.payments(), timeout);
    }

    /**
     * Reads {@code topic} from the beginning to its current end with an unsubscribed consumer, and returns the values
     * of the records whose key is one of {@code keys}, by key, in the order they were written, each partition that
     * key was written to noted in {@code partitions}.
     */
    static Map<String, List<String>> readToEnd(Consumer<String, String> consumer, String topic, List<String> keys,
                                               Map<String, List<Integer>> partitions, Duration timeout) {
        List<TopicPartition> all = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
        consumer.assign(all);
        consumer.seekToBeginning(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all, timeout);
        Map<String, List<String>> values = new LinkedHashMap<>();
        keys.forEach(key -> values.put(key, new ArrayList<>()));
        Instant deadline = Instant.now().plus(timeout);
        while (all.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Could not read " + topic + " to its end " + ends + " within " + timeout);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (values.containsKey(record.key())) {
                    values.get(record.key()).add(record.value());
                    partitions.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.partition());
                }
            }
        }
        return values;
    }

    /** Asserts that each order got exactly its expected notifications, in order, naming the first that did not. */
    static void assertNotified(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        expected.forEach((orderId, notifications) -> assertEquals(notifications, actual.get(orderId),
                "notifications of order " + orderId + " (each step exactly once, in order)"));
        assertEquals(expected.keySet(), actual.keySet());
    }

    /** Asserts that every order's events of one topic went to a single partition, as its key demands. */
    static void assertOnePartitionPerOrder(Map<String, List<Integer>> partitions) {
        partitions.forEach((orderId, used) -> assertEquals(1, used.stream().distinct().count(),
                "order " + orderId + " was spread over partitions " + used));
    }
}
