package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that hangs in its start, rather than failing, fails the start all the same: within the start timeout and
 * a bounded grace, naming the broker and the timeout, quoting the log, and leaving no thread, port or directory.
 */
class HangingStartTest {

    /**
     * Beyond the start timeout: the grace a start still running at it gets to end by itself (15 s), and a close
     * whose running calls and servers' threads may need an interrupt (up to 15 s), with room for a slow machine.
     */
    private static final Duration FAILURE_BOUND = Duration.ofSeconds(45);

    @TempDir
    Path workDirectory;

    @Test
    void brokerWhoseZooKeeperNeverAnswers() throws Exception {
        // TLS to the engine's plaintext ZooKeeper: it drops every connection, and the client tries again. Kafka's own
        // connection timeout is 10 minutes here, so only the engine's start timeout ends this start.
        KafkaTestEnvException error = assertStartFailsWithin(Duration.ofSeconds(5), ClusterDefinition.builder()
                .brokerProperty("zookeeper.ssl.client.enable", "true")
                .brokerProperty("zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty")
                .brokerProperty("zookeeper.connection.timeout.ms", "600000"));
        assertTrue(error.getMessage().contains("broker 0 did not start within 5 s"), error.getMessage());
        assertTrue(error.getMessage().contains("Opening socket connection to server"), () -> "the log's tail shows "
                + "the broker's ZooKeeper client trying again: " + error.getMessage());
    }

    @Test
    void kraftBrokerWhoseControllerNeverServesIt() throws Exception {
        // The controller listener accepts no connection: the broker half of the node can never register with its
        // controller, and Kafka's shutdown then waits for the acceptor stuck waiting for a connection slot.
        KafkaTestEnvException error = assertStartFailsWithin(Duration.ofSeconds(5), ClusterDefinition.builder()
                .kafkaVersion("4.4.0")
                .brokerProperty("listener.name.controller.max.connections", "0"));
        assertTrue(error.getMessage().contains("broker 0 did not start within 5 s"), error.getMessage());
    }

    @Test
    void kraftStartSlowerThanItsTimeout() throws Exception {
        // A machine too slow for the start timeout: Kafka gives up at the same deadline and shuts down by itself.
        KafkaTestEnvException error = assertStartFailsWithin(Duration.ofSeconds(1), ClusterDefinition.builder()
                .kafkaVersion("4.4.0"));
        // Which step the deadline cuts depends on the machine: a node's own start, or a later wait. Either names
        // the start timeout.
        assertTrue(error.getMessage().matches("(?s).*(broker \\d did not start within 1 s"
                + "|Timed out after 1 s \\(the start timeout\\) waiting for ).*"), error.getMessage());
    }

    @Test
    void kraftQuorumStartSlowerThanItsTimeout() throws Exception {
        // Three voters cannot form a quorum within 1 s here: each node gives up at some step of its start, and what
        // Kafka built before that step (its group and share coordinators' threads, say) must end with the start.
        KafkaTestEnvException error = assertStartFailsWithin(Duration.ofSeconds(1), ClusterDefinition.builder()
                .kafkaVersion("4.4.0").brokers(3));
        assertTrue(error.getMessage().matches("(?s).*(broker \\d did not start within 1 s"
                + "|Timed out after 1 s \\(the start timeout\\) waiting for ).*"), error.getMessage());
    }

    private KafkaTestEnvException assertStartFailsWithin(Duration startTimeout, ClusterDefinition.Builder builder)
            throws Exception {
        ClusterDefinition definition = builder.startTimeout(startTimeout).workDirectory(workDirectory).build();
        Set<Thread> threadsBefore = ProcessState.liveThreads();
        Set<Integer> portsBefore = ProcessState.listeningPorts();
        long start = System.nanoTime();
        KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class, definition::start);
        Duration failedAfter = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s, start timeout %d s: failed after %d ms: %s%n", definition,
                startTimeout.toSeconds(), failedAfter.toMillis(), error.getMessage().lines().findFirst().orElse(""));

        assertTrue(failedAfter.compareTo(startTimeout.plus(FAILURE_BOUND)) < 0, () -> "the start failed after "
                + failedAfter.toMillis() + " ms, more than the start timeout " + startTimeout.toSeconds() + " s + "
                + FAILURE_BOUND.toSeconds() + " s: " + error.getMessage());
        assertTrue(error.getMessage().contains("did not start"), error.getMessage());
        assertTrue(error.getMessage().contains("Last lines of its log"), error.getMessage());
        try (Stream<Path> entries = Files.list(workDirectory)) {
            assertEquals(List.of(), entries.toList(), "entries left in the work directory");
        }
        assertTrue(ProcessState.eventually(10, () -> ProcessState.newThreads(threadsBefore).isEmpty()),
                () -> "threads left: " + ProcessState.newThreads(threadsBefore) + "\n" + stacks(threadsBefore));
        Set<Integer> portsLeft = ProcessState.listeningPorts();
        portsLeft.removeAll(portsBefore);
        assertEquals(Set.of(), portsLeft, "listening ports left");
        return error;
    }

    private static String stacks(Set<Thread> before) {
        StringBuilder out = new StringBuilder();
        ProcessState.liveThreads().stream().filter(t -> !before.contains(t)).forEach(t -> {
            out.append(t.getName()).append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                out.append("    at ").append(e).append('\n');
            }
        });
        return out.toString();
    }
}
