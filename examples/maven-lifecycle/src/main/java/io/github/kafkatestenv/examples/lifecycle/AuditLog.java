package io.github.kafkatestenv.examples.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A small audit log on Kafka: every event about a user goes to {@code audit-events} (the history, keyed by user, so
 * a user's events stay in order) and to the compacted {@code audit-latest} (the last event per user).
 */
public final class AuditLog implements AutoCloseable {

    public static final String EVENTS = "audit-events";
    public static final String LATEST = "audit-latest";

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public AuditLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    /** Records an event about a user and returns once both topics have it. */
    public void record(String user, String event) throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(EVENTS, user, event)).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(LATEST, user, event)).get(30, TimeUnit.SECONDS);
    }

    /** A user's history, oldest first, read from the beginning of {@code audit-events} within {@code timeout}. */
    public List<String> history(String user, int expected, Duration timeout) {
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "audit-history-" + user + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(EVENTS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (events.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (user.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }

    @Override
    public void close() {
        producer.close();
    }
}
