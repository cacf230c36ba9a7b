package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ClusterHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The process placement: each server a JVM of its own, from the release's own main classes. */
class ProcessPlacementTest {

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("3.9.2", Mode.ZOOKEEPER, 1),
                Arguments.of("4.4.0", Mode.KRAFT, 3));
    }

    @ParameterizedTest(name = "Kafka {0} {1}, {2} broker(s)")
    @MethodSource("layouts")
    void startsServesAndLeavesNothing(String version, Mode mode, int brokers) throws Exception {
        Set<Thread> threadsBefore = ProcessState.liveThreads();
        KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion(version).mode(mode).brokers(brokers).placement(Placement.PROCESSES)
                .topic(Topic.parse("orders:3:" + brokers))
                .build().start();
        Path directory = cluster.directory();
        List<Integer> ports = cluster.brokers().stream().map(Broker::port).collect(Collectors.toList());
        try {
            assertNull(((ClusterHandle) cluster).runtimeClassLoader(), "no Kafka runtime in this JVM");
            assertEquals(version, cluster.kafkaVersion());
            Clients.send(cluster, "orders", 10);
            List<ConsumerRecord<String, String>> records = Clients.read(cluster, "orders", 10, Duration.ofSeconds(60));
            assertEquals(10, records.size());
            cluster.createTopic(Topic.parse("late:2:" + brokers));
            cluster.deleteTopic("late");
        } finally {
            cluster.close();
        }
        assertFalse(Files.exists(directory), "cluster directory deleted");
        for (int port : ports) {
            assertFalse(listening(port), "nothing listens on broker port " + port);
        }
        // The JDK's own "process reaper" threads, which waited for the server JVMs, idle out after a minute.
        assertTrue(ProcessState.eventually(10, () -> ProcessState.newThreads(threadsBefore).stream()
                        .allMatch(thread -> thread.startsWith("process reaper"))),
                () -> "threads left: " + ProcessState.newThreads(threadsBefore));
    }

    /**
     * The server JVMs run on the Java home the definition names, not on the caller's: here another JDK installed
     * beside this one (the machine has a JDK 25 besides 17). Its first server records a class-data cache for it.
     */
    @Test
    void serversRunOnTheJavaHomeTheDefinitionNames() throws Exception {
        Path otherJava = otherJavaHome();
        Assumptions.assumeTrue(otherJava != null, "no second JDK under /usr/lib/jvm");
        String otherVersion = Files.readAllLines(otherJava.resolve("release")).stream()
                .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElseThrow()
                .replaceAll("JAVA_VERSION=\"([^\"]+)\"", "$1");
        try (KafkaCluster cluster = ClusterDefinition.builder().placement(Placement.PROCESSES).javaHome(otherJava)
                .topic(Topic.parse("orders:1:1")).build().start()) {
            Clients.send(cluster, "orders", 1);
            assertTrue(Files.readString(cluster.logFile()).contains("java.version=" + otherVersion),
                    "ZooKeeper reports the Java it runs on: " + otherVersion);
        }
    }

    private static Path otherJavaHome() throws IOException {
        Path own = Path.of(System.getProperty("java.home")).toRealPath();
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            return homes.filter(home -> Files.isRegularFile(home.resolve("bin/java"))
                            && Files.isRegularFile(home.resolve("release")))
                    .filter(home -> {
                        try {
                            return !home.toRealPath().equals(own);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .filter(home -> {
                        try {
                            return !Files.readString(home.resolve("release")).contains("JAVA_VERSION=\"17");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
