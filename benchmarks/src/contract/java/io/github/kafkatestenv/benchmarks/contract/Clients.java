package io.github.kafkatestenv.benchmarks.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The scenarios' client work with plain kafka-clients (whichever version is on the class path: the cluster's),
 * byte-array serializers, client defaults except where SCENARIOS.md says otherwise. kafka-testenv's side and the
 * anchor (benchmarks/anchor) both run this very code, so that the two sides differ only in the cluster.
 */
public final class Clients {

    private static final long ROUND_TRIP_DEADLINE_MS = 60_000;
    private static final long CONSUME_DEADLINE_MS = 180_000;
    /** SCENARIOS.md throughput: 200,000 records of 200 bytes. */
    public static final int THROUGHPUT_RECORDS = 200_000;
    private static final int THROUGHPUT_VALUE_BYTES = 200;
    private static final String VERSION_RESOURCE = "kafka/kafka-version.properties";

    private Clients() {
    }

    /**
     * The version of the kafka-clients jar on the class path, from the resource it reports its version from (its
     * AppInfoParser moved to an internal package in 4.4, so the resource is the one stable place); "unknown" when
     * there is none.
     */
    public static String version() {
        try (InputStream in = Clients.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown").trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Properties producer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    static Properties consumer(String bootstrapServers, String groupId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /**
     * One round trip: a producer (acks=all) sends one record (key "k", a unique 46-byte UTF-8 payload) to
     * {@code orders} and waits for the ack; a consumer of a new group subscribes to {@code orders} and polls
     * (100 ms) from earliest until that payload is in hand. Returns the ms from before the producer is built to
     * that moment; closing both clients is not timed.
     */
    public static long roundTrip(String bootstrapServers, String groupId) throws Exception {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] payload = ("roundtrip-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        KafkaProducer<byte[], byte[]> producer = null;
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            long t0 = System.nanoTime();
            producer = new KafkaProducer<>(producer(bootstrapServers));
            producer.send(new ProducerRecord<>(Contract.ORDERS, key, payload))
                    .get(ROUND_TRIP_DEADLINE_MS, TimeUnit.MILLISECONDS);
            consumer = new KafkaConsumer<>(consumer(bootstrapServers, groupId));
            consumer.subscribe(List.of(Contract.ORDERS));
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(ROUND_TRIP_DEADLINE_MS);
            while (System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (Arrays.equals(record.value(), payload)) {
                        return Contract.msSince(t0);
                    }
                }
            }
            throw new IllegalStateException("Round trip: the record was not consumed within "
                    + ROUND_TRIP_DEADLINE_MS / 1000 + " s");
        } finally {
            if (consumer != null) {
                consumer.close();
            }
            if (producer != null) {
                producer.close();
            }
        }
    }

    /**
     * Throughput, produce: {@code count} unkeyed records with a fixed 200-byte value to {@code orders}, all sent
     * asynchronously with a callback (acks=all, linger.ms=5, batch.size=16384, compression none), then
     * {@code flush()}. Returns the ms from the first send to flush returning with every ack.
     *
     * @throws IllegalStateException if any send failed
     */
    public static long produceMany(String bootstrapServers, int count) throws Exception {
        Properties config = producer(bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        byte[] value = new byte[THROUGHPUT_VALUE_BYTES];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        AtomicInteger acked = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(Contract.ORDERS, value), (metadata, exception) -> {
                    if (exception == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, exception);
                    }
                });
            }
            producer.flush();
            long ms = Contract.msSince(t0);
            if (failure.get() != null || acked.get() != count) {
                throw new IllegalStateException(acked.get() + " of " + count + " records acknowledged",
                        failure.get());
            }
            return ms;
        }
    }

    /**
     * Throughput, consume: one consumer ({@code bench-throughput}, earliest) subscribed to {@code orders} polls
     * (200 ms) until {@code count} records were returned. Returns the ms from constructing the consumer to the last
     * record.
     */
    public static long consumeMany(String bootstrapServers, int count) {
        long t0 = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumer(bootstrapServers,
                "bench-throughput"))) {
            consumer.subscribe(List.of(Contract.ORDERS));
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(CONSUME_DEADLINE_MS);
            int seen = 0;
            while (seen < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Throughput: " + seen + " of " + count
                            + " records consumed within " + CONSUME_DEADLINE_MS / 1000 + " s");
                }
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
            return Contract.msSince(t0);
        }
    }
}
