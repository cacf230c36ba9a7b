package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every release line from 3.0 to 4.4, in processes from its own main classes, used as a user would with the test's
 * own kafka-clients: declared topics, a keyed round trip, a consumer group's committed offsets, then a close that
 * leaves no process, port or directory. The newest patch of 3.0, 3.3, 3.6, 3.9, 4.0, 4.2 and 4.4 run by default;
 * every line in every mode it has runs with the {@code release-matrix} tag (see the README).
 */
class ProcessReleaseMatrixTest {

    static Stream<Arguments> defaultReleases() {
        return Stream.of(
                Arguments.of("3.0.2", Mode.ZOOKEEPER),
                Arguments.of("3.3.2", Mode.KRAFT),
                Arguments.of("3.6.2", Mode.ZOOKEEPER),
                Arguments.of("3.9.2", Mode.KRAFT),
                Arguments.of("4.0.2", Mode.KRAFT),
                Arguments.of("4.2.2", Mode.KRAFT),
                Arguments.of("4.4.0", Mode.KRAFT));
    }

    /** The newest patch of every line, in ZooKeeper mode (3.x) and KRaft mode (3.3 on). */
    static Stream<Arguments> everyLine() {
        List<String> newest = List.of("3.0.2", "3.1.2", "3.2.3", "3.3.2", "3.4.1", "3.5.2", "3.6.2", "3.7.2",
                "3.8.1", "3.9.2", "4.0.2", "4.1.2", "4.2.2", "4.3.2", "4.4.0");
        return newest.stream().flatMap(version -> {
            Stream.Builder<Arguments> modes = Stream.builder();
            if (version.startsWith("3.")) {
                modes.add(Arguments.of(version, Mode.ZOOKEEPER));
            }
            if (!version.matches("3\\.[0-2]\\..*")) {
                modes.add(Arguments.of(version, Mode.KRAFT));
            }
            return modes.build();
        });
    }

    @ParameterizedTest(name = "Kafka {0} {1} in processes")
    @MethodSource("defaultReleases")
    void releaseRunsInProcesses(String version, Mode mode) throws Exception {
        roundTrip(version, mode);
    }

    @Tag("release-matrix")
    @ParameterizedTest(name = "Kafka {0} {1} in processes")
    @MethodSource("everyLine")
    void everyLineRunsInProcesses(String version, Mode mode) throws Exception {
        roundTrip(version, mode);
    }

    private static void roundTrip(String version, Mode mode) throws Exception {
        KafkaCluster cluster = ClusterDefinition.builder().kafkaVersion(version).mode(mode)
                .placement(Placement.PROCESSES)
                .topic(Topic.parse("orders:3:1"))
                .build().start();
        Path directory = cluster.directory();
        List<Integer> ports = cluster.brokers().stream().map(Broker::port).collect(Collectors.toList());
        List<ProcessHandle> servers = ProcessHandle.current().children().collect(Collectors.toList());
        try {
            assertEquals(version, cluster.kafkaVersion());
            assertEquals(mode, cluster.mode());
            List<String> sent = Clients.send(cluster, "orders", 12);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster, "matrix")) {
                consumer.subscribe(List.of("orders"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (records.size() < sent.size() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
                consumer.commitSync();
            }
            assertEquals(sent, records.stream().map(ConsumerRecord::value).sorted(
                    java.util.Comparator.comparingInt(sent::indexOf)).toList(), "every record read back");
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                assertEquals(partitionOfKey.computeIfAbsent(record.key(), key -> record.partition()),
                        record.partition(), "a key stays on one partition");
            }
            try (Admin admin = ClusterLifecycleTest.admin(cluster)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("matrix")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertEquals(12, committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum(),
                        "the group's committed offsets cover every record");
            }
        } finally {
            cluster.close();
        }
        assertFalse(Files.exists(directory), "cluster directory deleted");
        assertTrue(servers.stream().noneMatch(ProcessHandle::isAlive), "no server process left");
        for (int port : ports) {
            assertFalse(ProcessPlacementTest.listening(port), "nothing listens on port " + port);
        }
    }
}
