package io.github.kafkatestenv.examples.springboot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Waiting for what the application publishes, with a deadline and a message that says what came instead. */
final class Awaits {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Awaits() {
    }

    /**
     * Polls {@code consumer} (other tests' records too) until a record with {@code key} and a value that
     * {@code wanted} accepts arrives, and returns that value; fails with what was read if none comes in time.
     */
    static <V> V value(Consumer<String, V> consumer, String key, Predicate<V> wanted) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key()) && wanted.test(record.value())) {
                    return record.value();
                }
                seen.add(record.key() + "=" + record.value());
            }
        }
        throw new AssertionError("Expected a record for " + key + " within " + TIMEOUT + ", but saw only " + seen);
    }

    /** The first record with {@code key}. */
    static <V> V value(Consumer<String, V> consumer, String key) {
        return value(consumer, key, value -> true);
    }
}
