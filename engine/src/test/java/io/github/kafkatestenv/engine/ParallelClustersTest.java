package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test suites that run classes in parallel start clusters from several threads at once, in one JVM: each gets its
 * own ports, directory and runtime, serves its own clients, and closes without touching the others.
 */
class ParallelClustersTest {

    @TempDir
    Path workDirectory;

    @Test
    void fourClustersStartedAtOnceKeepApartAndLeaveNothingBehind() throws Exception {
        List<ClusterDefinition> definitions = Stream.of(
                        ClusterDefinition.builder().kafkaVersion("3.9.2").mode(Mode.ZOOKEEPER),
                        ClusterDefinition.builder().kafkaVersion("3.9.2").mode(Mode.ZOOKEEPER),
                        ClusterDefinition.builder().kafkaVersion("3.9.2").mode(Mode.KRAFT),
                        ClusterDefinition.builder().kafkaVersion("4.4.0").mode(Mode.KRAFT))
                .map(builder -> builder.topic(Topic.parse("parallel:2:1")).workDirectory(workDirectory).build())
                .toList();
        Set<Thread> threadsBefore = ProcessState.liveThreads();
        Set<Integer> portsBefore = ProcessState.listeningPorts();
        ExecutorService threads = Executors.newFixedThreadPool(definitions.size());
        List<KafkaCluster> clusters = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(definitions.size());
            long start = System.nanoTime();
            List<Future<KafkaCluster>> starts = new ArrayList<>();
            for (ClusterDefinition definition : definitions) {
                starts.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await(); // every thread calls start() at the same moment
                    return definition.start();
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<KafkaCluster> started : starts) {
                try {
                    clusters.add(started.get(5, TimeUnit.MINUTES));
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            assertEquals(List.of(), failures, "every cluster started");
            System.out.printf("%d clusters started at once, all ready after %d ms: %s%n", clusters.size(),
                    (System.nanoTime() - start) / 1_000_000, clusters);

            Set<Integer> ownPorts = new HashSet<>();
            Set<Path> directories = new HashSet<>();
            for (KafkaCluster cluster : clusters) {
                cluster.brokers().forEach(broker -> assertTrue(ownPorts.add(broker.port()),
                        "broker port " + broker.port() + " belongs to one cluster only"));
                cluster.zookeeperConnect().ifPresent(zooKeeper -> {
                    int port = Integer.parseInt(zooKeeper.substring(zooKeeper.lastIndexOf(':') + 1));
                    assertTrue(ownPorts.add(port), "ZooKeeper port " + port + " belongs to one cluster only");
                });
                assertTrue(directories.add(cluster.directory()), "one directory per cluster");
                assertEquals(workDirectory, cluster.directory().getParent());
            }
            assertTrue(ProcessState.listeningPorts().containsAll(ownPorts), "every cluster listens on its ports");

            // A round trip on each, all at once; the records of one never show up in another.
            List<Callable<String>> roundTrips = new ArrayList<>();
            for (KafkaCluster cluster : clusters) {
                roundTrips.add(() -> {
                    List<String> sent = Clients.send(cluster, "parallel", 5);
                    List<ConsumerRecord<String, String>> read =
                            Clients.read(cluster, "parallel", 5, Duration.ofSeconds(60));
                    assertEquals(Set.copyOf(sent), read.stream().map(ConsumerRecord::value)
                            .collect(Collectors.toSet()), cluster + " round trip");
                    return cluster.kafkaVersion() + " " + cluster.mode();
                });
            }
            for (Future<String> roundTrip : threads.invokeAll(roundTrips, 3, TimeUnit.MINUTES)) {
                roundTrip.get();
            }
        } finally {
            List<Callable<Void>> closes = new ArrayList<>();
            for (KafkaCluster cluster : clusters) {
                closes.add(() -> {
                    cluster.close();
                    return null;
                });
            }
            for (Future<Void> close : threads.invokeAll(closes, 3, TimeUnit.MINUTES)) {
                close.get();
            }
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "the test's own threads ended");
        }

        for (KafkaCluster cluster : clusters) {
            assertFalse(Files.exists(cluster.directory()), cluster.directory() + " deleted");
        }
        try (Stream<Path> entries = Files.list(workDirectory)) {
            assertEquals(List.of(), entries.toList(), "entries left in the work directory");
        }
        assertTrue(ProcessState.eventually(20, () -> ProcessState.newThreads(threadsBefore).isEmpty()),
                () -> "threads left: " + ProcessState.newThreads(threadsBefore));
        Set<Integer> portsLeft = ProcessState.listeningPorts();
        portsLeft.removeAll(portsBefore);
        assertEquals(Set.of(), portsLeft, "listening ports left");
    }
}
