package io.github.kafkatestenv.junit;

import io.github.kafkatestenv.junit.internal.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Send, read and wait, with a deadline, and failures that say what was expected and what was seen. Works with any
 * kafka-clients 2.8 or newer.
 *
 * <pre>{@code
 * Records.send(producer, new ProducerRecord<>(orders, "o-1", "created"), Duration.ofSeconds(10));
 * List<ConsumerRecord<String, String>> records = Records.read(consumer, 1, Duration.ofSeconds(10));
 * Records.readMatching(consumer, record -> "o-1".equals(record.key()), 1, Duration.ofSeconds(10));
 * Records.awaitConsumed(bootstrapServers, "billing", orders, Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>A timeout throws an {@link AssertionError} (a test failure) whose message names the expectation, the time
 * waited, and what was seen: how many records, from which partitions, and the first few keys and values, or each
 * partition's committed and end offsets.
 *
 * @since 0.1.0
 */
public final class Records {

    private static final Comparator<ConsumerRecord<?, ?>> BY_PARTITION_AND_OFFSET = Comparator
            .comparing((ConsumerRecord<?, ?> record) -> record.topic())
            .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset);

    /** How many records a failure message shows. */
    private static final int SHOWN = 5;

    private Records() {
    }

    /**
     * Sends one record and waits for the broker's acknowledgement.
     *
     * @return where the record was written
     * @throws AssertionError if it was not acknowledged within {@code timeout}, or the send failed
     */
    public static <K, V> RecordMetadata send(Producer<K, V> producer, ProducerRecord<K, V> record, Duration timeout)
            throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        // send() itself blocks until the topic's metadata comes (max.block.ms, 60 s by default): start it on another
        // thread so that the timeout holds for the whole send.
        CompletableFuture<Future<RecordMetadata>> sending = CompletableFuture.supplyAsync(() -> producer.send(record));
        try {
            Future<RecordMetadata> sent = sending.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
            return sent.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Expected the broker to acknowledge " + describe(record) + " within " + timeout
                    + ", but no acknowledgement came" + (sending.isDone() ? ""
                    : ": the producer still waits for the metadata of topic '" + record.topic() + "'; does the topic"
                    + " exist? Declare it in @EmbeddedKafka(topics = ...)"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw new AssertionError("Sending " + describe(record) + " failed: " + cause, cause);
        }
    }

    /**
     * Polls a subscribed (or assigned) consumer until {@code count} records arrived, and returns them in the order
     * they arrived; more may be returned if one poll brought more.
     *
     * @throws AssertionError        naming what was seen, if fewer arrived within {@code timeout}
     * @throws IllegalStateException if the consumer is neither subscribed nor assigned
     */
    public static <K, V> List<ConsumerRecord<K, V>> read(Consumer<K, V> consumer, int count, Duration timeout) {
        return poll(consumer, count, null, Deadline.after(timeout), timeout, readFrom(consumer, "use read(consumer, topic, count, timeout)"));
    }

    /**
     * Polls a subscribed (or assigned) consumer until {@code count} records that {@code which} accepts arrived, and
     * returns those, skipping the others: on a topic that other tests share too, a test reads its own records.
     *
     * <pre>{@code
     * ConsumerRecord<String, String> created =
     *         Records.readMatching(consumer, r -> "o-1".equals(r.key()), 1, Duration.ofSeconds(10)).get(0);
     * }</pre>
     *
     * @throws AssertionError        naming how many arrived and which matched, if fewer matched within
     *                               {@code timeout}
     * @throws IllegalStateException if the consumer is neither subscribed nor assigned
     */
    public static <K, V> List<ConsumerRecord<K, V>> readMatching(Consumer<K, V> consumer,
                                                                 Predicate<? super ConsumerRecord<K, V>> which,
                                                                 int count, Duration timeout) {
        Objects.requireNonNull(which, "which");
        return poll(consumer, count, which, Deadline.after(timeout), timeout, readFrom(consumer, "assign it partitions"));
    }

    /** The topics {@code consumer} reads, for messages; {@code orElse} is the last fix a message offers. */
    private static String readFrom(Consumer<?, ?> consumer, String orElse) {
        if (consumer.subscription().isEmpty() && consumer.assignment().isEmpty()) {
            throw new IllegalStateException("The consumer is not subscribed to any topic: subscribe it, inject it "
                    + "with @KafkaClient(topic = \"...\"), or " + orElse);
        }
        Set<String> topics = consumer.subscription().isEmpty()
                ? consumer.assignment().stream().map(TopicPartition::topic).collect(Collectors.toSet())
                : consumer.subscription();
        return String.join(", ", topics);
    }

    /**
     * Reads {@code count} records of {@code topic}, from the beginning of every partition, with a consumer that is
     * not subscribed to anything (it is assigned all of the topic's partitions; no group offsets are committed).
     *
     * @throws AssertionError        naming what was seen, if fewer arrived within {@code timeout}
     * @throws IllegalStateException if the consumer is subscribed to a topic
     */
    public static <K, V> List<ConsumerRecord<K, V>> read(Consumer<K, V> consumer, String topic, int count,
                                                         Duration timeout) {
        if (!consumer.subscription().isEmpty()) {
            throw new IllegalStateException("The consumer is subscribed to " + consumer.subscription()
                    + ": use read(consumer, count, timeout) for it, or a consumer without a topic");
        }
        Deadline deadline = Deadline.after(timeout);
        List<TopicPartition> partitions = partitions(consumer, topic, deadline, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return poll(consumer, count, null, deadline, timeout, topic);
    }

    /**
     * Waits until consumer group {@code groupId} has committed, for every partition of {@code topic}, the end offset
     * (everything in the topic is consumed). Call it after the records are acknowledged.
     *
     * @throws AssertionError listing each partition's committed and end offset, if the group has not caught up
     *                        within {@code timeout}
     */
    public static void awaitConsumed(String bootstrapServers, String groupId, String topic, Duration timeout)
            throws InterruptedException {
        awaitConsumed(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), groupId, topic, timeout);
    }

    /**
     * {@link #awaitConsumed(String, String, String, Duration)} on a secured cluster: {@code clientProperties} are
     * what a client needs to connect, for example {@code cluster.clientProperties()} or
     * {@code cluster.clientProperties("admin")} (the user needs to describe the group and the topic).
     */
    public static void awaitConsumed(Map<String, ?> clientProperties, String groupId, String topic, Duration timeout)
            throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        Properties config = new Properties();
        config.putAll(clientProperties);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-testenv-await-" + UUID.randomUUID());
        Map<TopicPartition, String> lastSeen = new TreeMap<>(
                (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                        : a.topic().compareTo(b.topic()));
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = new HashSet<>(partitions(probe, topic, deadline, timeout));
            while (true) {
                try {
                    Map<TopicPartition, Long> ends = probe.endOffsets(partitions, deadline.remaining());
                    Map<TopicPartition, OffsetAndMetadata> committed = probe.committed(partitions,
                            deadline.remaining());
                    boolean caughtUp = true;
                    for (TopicPartition partition : partitions) {
                        OffsetAndMetadata offset = committed.get(partition);
                        long end = ends.getOrDefault(partition, 0L);
                        long at = offset == null ? -1 : offset.offset();
                        lastSeen.put(partition, (offset == null ? "nothing committed" : "committed " + at)
                                + ", end " + end);
                        caughtUp &= at >= end || (offset == null && end == 0);
                    }
                    if (caughtUp) {
                        return;
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // the deadline below decides
                }
                if (deadline.passed()) {
                    throw new AssertionError("Expected group '" + groupId + "' to consume topic '" + topic
                            + "' to the end within " + timeout + ", but it did not: " + lastSeen.entrySet().stream()
                            .map(entry -> entry.getKey() + " " + entry.getValue())
                            .collect(Collectors.joining("; ")));
                }
                deadline.pause();
            }
        }
    }

    private static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic, Deadline deadline,
                                                   Duration timeout) {
        List<PartitionInfo> infos = null;
        try {
            infos = consumer.partitionsFor(topic, deadline.remaining());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // reported below
        }
        if (infos == null || infos.isEmpty()) {
            throw new AssertionError("Expected topic '" + topic + "' to exist, but the cluster did not list it within "
                    + timeout);
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).collect(Collectors.toList());
    }

    /** Polls until {@code count} records arrived that {@code which} accepts (all, if it is null). */
    private static <K, V> List<ConsumerRecord<K, V>> poll(Consumer<K, V> consumer, int count,
                                                          Predicate<? super ConsumerRecord<K, V>> which,
                                                          Deadline deadline, Duration timeout, String from) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        List<ConsumerRecord<K, V>> skipped = new ArrayList<>();
        int arrived = 0;
        while (records.size() < count) {
            if (deadline.passed()) {
                String message = notEnough(records, which == null ? -1 : arrived, count, from, timeout);
                throw new AssertionError(skipped.isEmpty() ? message : message + "; first that did not match: "
                        + skipped.stream().map(Records::describe).collect(Collectors.joining(", "))
                        + (arrived - records.size() > SHOWN ? ", ..." : ""));
            }
            Duration wait = deadline.remaining();
            for (ConsumerRecord<K, V> record
                    : consumer.poll(wait.compareTo(Duration.ofMillis(200)) < 0 ? wait : Duration.ofMillis(200))) {
                arrived++;
                if (which == null || which.test(record)) {
                    records.add(record);
                } else if (skipped.size() < SHOWN) {
                    skipped.add(record);
                }
            }
        }
        return records;
    }

    /** @param arrived how many arrived in all when only some match, else -1 */
    private static String notEnough(Collection<? extends ConsumerRecord<?, ?>> records, int arrived, int count,
                                    String from, Duration timeout) {
        StringBuilder message = new StringBuilder("Expected ").append(count).append(arrived < 0 ? "" : " matching")
                .append(" record").append(count == 1 ? "" : "s").append(" from ").append(from).append(" within ")
                .append(timeout).append(", but ").append(records.size())
                .append(arrived < 0 ? " arrived" : " of the " + arrived + " that arrived matched");
        if (!records.isEmpty()) {
            Map<Integer, Integer> perPartition = new TreeMap<>();
            for (ConsumerRecord<?, ?> record : records) {
                perPartition.merge(record.partition(), 1, Integer::sum);
            }
            message.append(" (per partition: ").append(perPartition.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")))
                    .append("); first: ").append(records.stream().sorted(BY_PARTITION_AND_OFFSET).limit(SHOWN)
                            .map(Records::describe)
                            .collect(Collectors.joining(", ")));
            if (records.size() > SHOWN) {
                message.append(", ...");
            }
        }
        return message.toString();
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " " + record.key() + "="
                + text(record.value());
    }

    private static String describe(ProducerRecord<?, ?> record) {
        return "the record " + record.key() + "=" + text(record.value()) + " to " + record.topic()
                + (record.partition() == null ? "" : "-" + record.partition());
    }

    private static String text(Object value) {
        String text = value instanceof byte[] ? ((byte[]) value).length + " bytes" : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
