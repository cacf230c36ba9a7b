package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A fault test's producer: on a thread of its own it sends keyed records with {@code acks=all}, one at a time, and
 * remembers every value the cluster acknowledged, so that the test can check that none of them was lost.
 */
final class AcknowledgedRecords {

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final KafkaCluster cluster;
    private final String topic;
    private final Thread thread;

    private AcknowledgedRecords(KafkaCluster cluster, String topic) {
        this.cluster = cluster;
        this.topic = topic;
        this.thread = new Thread(this::produce, "acknowledged-records-producer");
    }

    /** Starts producing to {@code topic}. */
    static AcknowledgedRecords produce(KafkaCluster cluster, String topic) {
        AcknowledgedRecords records = new AcknowledgedRecords(cluster, topic);
        records.thread.start();
        return records;
    }

    private void produce() {
        try (KafkaProducer<String, String> client = Clients.producer(cluster)) {
            for (int i = 0; producing.get(); i++) {
                String value = topic + "-" + i;
                client.send(new ProducerRecord<>(topic, "account-" + (i % 7), value)).get();
                acknowledged.add(value);
                acks.incrementAndGet();
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /** Waits until {@code more} records more than now are acknowledged; fails if the producer failed. */
    void awaitMore(int more) {
        int target = acks.get() + more;
        assertTrue(ProcessState.eventually(60, () -> acks.get() >= target || failure.get() != null),
                () -> "expected " + target + " acknowledgements, got " + acks.get());
        assertEquals(null, failure.get(), "the producer saw no failure");
    }

    /** Stops producing, then reads the topic: every acknowledged record is there, and none twice. */
    void stopAndAssertNothingLost() throws InterruptedException {
        producing.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(null, failure.get(), "the producer saw no failure");
        List<ConsumerRecord<String, String>> records =
                Clients.read(cluster, topic, acknowledged.size(), Duration.ofSeconds(60));
        Set<String> read = new HashSet<>();
        records.forEach(r -> read.add(r.value()));
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(read);
        assertEquals(Set.of(), lost, "acknowledged records lost");
        assertEquals(read.size(), records.size(), "no record read twice");
    }
}
