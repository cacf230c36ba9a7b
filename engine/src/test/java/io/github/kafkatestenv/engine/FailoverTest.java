package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's fault test: with three replicas and {@code min.insync.replicas=2}, the partition leader is stopped, or
 * killed (no controlled shutdown: the cluster only learns it is gone when its session ends), while a producer sends
 * with {@code acks=all}. Nothing acknowledged may be lost, and the broker, started again, must rejoin the ISR.
 */
class FailoverTest {

    private static final String TOPIC = "payments";

    @ParameterizedTest(name = "Kafka {0} mode {1}, leader {2}, {3}")
    @CsvSource({"3.9.2, ZOOKEEPER, stopped, IN_JVM", "3.9.2, ZOOKEEPER, killed, IN_JVM", "4.4.0, KRAFT, killed, IN_JVM",
            "3.9.2, ZOOKEEPER, killed, PROCESSES", "4.4.0, KRAFT, killed, PROCESSES"})
    void acknowledgedRecordsSurviveTheLeaderGoingDown(String version, Mode mode, String how, Placement placement)
            throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder().kafkaVersion(version).mode(mode).brokers(3)
                .placement(placement)
                .topic(Topic.parse(TOPIC + ":1:3").withConfig("min.insync.replicas", "2"))
                // A killed KRaft broker is fenced when its session ends: 4 s here instead of Kafka's 9 s.
                .brokerProperty("broker.session.timeout.ms", "4000")
                .brokerProperty("broker.heartbeat.interval.ms", "500")
                .build();
        try (KafkaCluster cluster = definition.start();
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger acks = new AtomicInteger();
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try (KafkaProducer<String, String> client = Clients.producer(cluster)) {
                    for (int i = 0; producing.get(); i++) {
                        String value = "payment-" + i;
                        client.send(new ProducerRecord<>(TOPIC, "account-" + (i % 7), value)).get();
                        acknowledged.add(value);
                        acks.incrementAndGet();
                    }
                } catch (Throwable e) {
                    producerFailure.set(e);
                }
            }, "failover-producer");
            producer.start();

            awaitAcks(acks, 50, producerFailure);
            int leader = describe(admin).partitions().get(0).leader().id();
            if (how.equals("killed")) {
                cluster.killBroker(leader);
            } else {
                cluster.stopBroker(leader);
            }
            assertFalse(cluster.isRunning(leader));
            int acksWhileDown = acks.get();
            awaitAcks(acks, acksWhileDown + 50, producerFailure);
            int newLeader = describe(admin).partitions().get(0).leader().id();
            assertTrue(newLeader != leader, "a new leader took over");

            cluster.startBroker(leader);
            assertTrue(cluster.isRunning(leader));
            if (placement == Placement.PROCESSES && how.equals("killed")) {
                // SIGKILL left no clean-shutdown marker: the restarted broker recovered its logs.
                assertTrue(java.nio.file.Files.readString(cluster.logFile())
                                .contains("since no clean shutdown file was found"),
                        "the restarted broker ran Kafka's log recovery");
            }
            assertTrue(ProcessState.eventually(60, () -> isr(admin).contains(leader)),
                    () -> "broker " + leader + " rejoins the ISR, which is " + isr(admin));
            awaitAcks(acks, acks.get() + 50, producerFailure);
            producing.set(false);
            producer.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(null, producerFailure.get(), "the producer saw no failure");

            List<ConsumerRecord<String, String>> records =
                    Clients.read(cluster, TOPIC, acknowledged.size(), Duration.ofSeconds(60));
            Set<String> read = new HashSet<>();
            records.forEach(r -> read.add(r.value()));
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(read);
            assertEquals(Set.of(), lost, "acknowledged records lost");
            assertEquals(read.size(), records.size(), "no record read twice");
        }
    }

    private static void awaitAcks(AtomicInteger acks, int target, AtomicReference<Throwable> failure) {
        assertTrue(ProcessState.eventually(60, () -> acks.get() >= target || failure.get() != null),
                () -> "expected " + target + " acknowledgements, got " + acks.get());
        assertEquals(null, failure.get(), "the producer saw no failure");
    }

    private static TopicDescription describe(Admin admin) {
        try {
            return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Integer> isr(Admin admin) {
        Set<Integer> ids = new HashSet<>();
        for (Node node : describe(admin).partitions().get(0).isr()) {
            ids.add(node.id());
        }
        return ids;
    }
}
