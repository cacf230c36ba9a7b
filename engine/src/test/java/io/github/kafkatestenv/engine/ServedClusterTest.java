package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ClusterServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * A cluster served to another JVM ({@link KafkaCluster#attach}): that JVM gets the whole handle, faults included,
 * and its mistakes come back as they would in the owner's JVM; closing its handle leaves the cluster running.
 */
class ServedClusterTest {

    @Test
    void anotherJvmUsesTheWholeHandle() throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder().brokers(2).topic(Topic.parse("orders:2:2")).build();
        try (KafkaCluster cluster = definition.start()) {
            Set<Thread> before = ProcessState.liveThreads();
            ClusterServer server = ClusterServer.serve(cluster);
            List<String> lines = runChild(server.address());

            assertEquals(List.of(
                    "definition equal: true",
                    "bootstrap servers: " + cluster.bootstrapServers(),
                    "zookeeper: " + cluster.zookeeperConnect().orElseThrow(),
                    "directory: " + cluster.directory(),
                    "broker 1 after stop: false",
                    "broker 1 after start: true",
                    "broker 1 after kill and start: true",
                    "ZooKeeper stopped and started",
                    "misuse: " + expectedMisuse(cluster),
                    "bad topic: topic(...), brokers(...): Topic 'events' has replication factor 3 but the cluster has"
                            + " 2 brokers: lower its replicationFactor or raise brokers",
                    "closed handle: IllegalStateException"), lines);
            try (Admin admin = Admin.create(ClusterResetTest.properties(cluster.clientProperties()))) {
                assertEquals(3, admin.describeTopics(List.of("from-child")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("from-child").partitions().size(), "the topic the other JVM created");
            }
            assertTrue(cluster.isRunning(0) && cluster.isRunning(1), "the other JVM's close left the cluster running");
            assertThrows(IllegalArgumentException.class, () -> KafkaCluster.attach("http://example.com/x"));
            String wrongSecret = server.address().replaceFirst("/[^/]+$", "/" + "A".repeat(43));
            KafkaTestEnvException refused = assertThrows(KafkaTestEnvException.class,
                    () -> KafkaCluster.attach(wrongSecret));
            assertTrue(refused.getMessage().contains("serves no cluster under this secret"), refused.getMessage());
            server.close();
            KafkaTestEnvException gone = assertThrows(KafkaTestEnvException.class,
                    () -> KafkaCluster.attach(server.address()));
            assertTrue(gone.getMessage().contains("Cannot reach the cluster"), gone.getMessage());
            assertTrue(ProcessState.eventually(10, () -> ProcessState.newThreads(before).stream()
                    .noneMatch(name -> name.contains("HTTP") || name.startsWith("kafka-testenv-server"))),
                    () -> "the server's threads end with it: " + ProcessState.newThreads(before));
        }
    }

    @Test
    void aClusterStillStartingIsServedOnceReadyAndAFailedStartFailsWithItsOwnError() throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder().topic(Topic.parse("orders")).build();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<KafkaCluster> start = inThread(() -> {
            awaitQuietly(go);
            return definition.start();
        });
        ClusterServer server = ClusterServer.serve(start);
        try {
            CompletableFuture<KafkaCluster> attached = inThread(() -> KafkaCluster.attach(server.address()));
            assertTrue(ProcessState.eventually(30, ServedClusterTest::aRequestWaitsForTheStart),
                    "the attach request reached the server, which waits for the start");
            assertFalse(attached.isDone(), "attach returned before the cluster was ready");
            go.countDown();
            try (KafkaCluster remote = attached.get(4, TimeUnit.MINUTES); KafkaCluster cluster = start.get()) {
                assertEquals(cluster.bootstrapServers(), remote.bootstrapServers());
                assertEquals(definition, remote.definition());
                try (Admin admin = Admin.create(ClusterResetTest.properties(remote.clientProperties()))) {
                    assertEquals(Set.of("orders"), admin.listTopics().names().get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            server.close();
        }

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<KafkaCluster> failing = inThread(() -> ClusterDefinition.builder()
                    .brokerPort(taken.getLocalPort()).build().start());
            ClusterServer failed = ClusterServer.serve(failing);
            try {
                KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                        () -> KafkaCluster.attach(failed.address()));
                ExecutionException startError = assertThrows(ExecutionException.class, failing::get);
                assertEquals(startError.getCause().getMessage(), error.getMessage(), "the start's own error");
                assertTrue(error.getMessage().startsWith("Port " + taken.getLocalPort() + " (broker 0) is already in"
                        + " use"), error.getMessage());
            } finally {
                failed.close();
            }
        }
    }

    /** Whether a thread of a cluster server is waiting in {@code ClusterServer} for the cluster's start. */
    private static boolean aRequestWaitsForTheStart() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith("kafka-testenv-server-"))
                .anyMatch(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
                        frame.getClassName().equals(ClusterServer.class.getName())
                                && frame.getMethodName().equals("cluster")));
    }

    private static <T> CompletableFuture<T> inThread(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "served-cluster-test");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the owner's own handle says about a broker id it does not have: the other JVM must see the same. */
    private static String expectedMisuse(KafkaCluster cluster) {
        try {
            cluster.stopBroker(7);
            return "nothing";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static List<String> runChild(String address) throws Exception {
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UseServedCluster.class.getName(), address)
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } finally {
            assertTrue(child.waitFor(4, TimeUnit.MINUTES), "the other JVM ended");
        }
        assertEquals(0, child.exitValue(), () -> "the other JVM failed: " + String.join("\n", lines));
        return lines;
    }

    /** Started in another JVM: attaches to the address and works the cluster as a test would. */
    public static final class UseServedCluster {
        public static void main(String[] args) {
            KafkaCluster cluster = KafkaCluster.attach(args[0]);
            System.out.println("definition equal: " + cluster.definition().equals(ClusterDefinition.builder().brokers(2)
                    .topic(Topic.parse("orders:2:2")).build()));
            System.out.println("bootstrap servers: " + cluster.bootstrapServers());
            System.out.println("zookeeper: " + cluster.zookeeperConnect().orElse("none"));
            System.out.println("directory: " + cluster.directory());
            cluster.createTopic(Topic.parse("from-child:3:2"));
            cluster.stopBroker(1);
            System.out.println("broker 1 after stop: " + cluster.isRunning(1));
            cluster.startBroker(1);
            System.out.println("broker 1 after start: " + cluster.isRunning(1));
            cluster.killBroker(1);
            cluster.startBroker(1);
            System.out.println("broker 1 after kill and start: " + cluster.isRunning(1));
            cluster.stopZooKeeper();
            cluster.startZooKeeper();
            System.out.println("ZooKeeper stopped and started");
            try {
                cluster.stopBroker(7);
                System.out.println("misuse: nothing");
            } catch (RuntimeException e) {
                System.out.println("misuse: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            try {
                cluster.createTopic(Topic.parse("events:1:3"));
            } catch (RuntimeException e) {
                System.out.println("bad topic: " + e.getMessage());
            }
            cluster.close();
            try {
                cluster.isRunning(0);
            } catch (IllegalStateException e) {
                System.out.println("closed handle: " + e.getClass().getSimpleName());
            }
        }
    }
}
