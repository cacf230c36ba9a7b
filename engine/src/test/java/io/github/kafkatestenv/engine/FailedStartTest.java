package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed says why, shows the log's tail, and leaves no thread, port or directory. */
class FailedStartTest {

    @TempDir
    Path workDirectory;

    @Test
    void brokerPortInUse() throws IOException {
        try (ServerSocket taken = bind()) {
            int port = taken.getLocalPort();
            assertFails(() -> ClusterDefinition.builder().brokerPort(port).workDirectory(workDirectory).build().start(),
                    "Port " + port + " (broker 0) is already in use on 127.0.0.1",
                    "set brokerPort to another port, or to 0 for a free one");
        }
        assertEmpty(workDirectory);
    }

    @Test
    void secondBrokersPortInUse() throws IOException {
        try (ServerSocket taken = bindAfterAFreePort()) {
            int port = taken.getLocalPort();
            assertFails(() -> ClusterDefinition.builder().brokers(2).brokerPort(port - 1).build().start(),
                    "Port " + port + " (broker 1) is already in use");
        }
    }

    @Test
    void zooKeeperPortInUse() throws IOException {
        try (ServerSocket taken = bind()) {
            int port = taken.getLocalPort();
            assertFails(() -> ClusterDefinition.builder().zookeeperPort(port).build().start(),
                    "Port " + port + " (ZooKeeper) is already in use", "set zookeeperPort to another port");
        }
    }

    @Test
    void workDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(workDirectory.resolve("not-a-directory"), "x");
        assertFails(() -> ClusterDefinition.builder().workDirectory(file).build().start(),
                "The work directory " + file + " is not a directory");
    }

    @Test
    void unwritableWorkDirectory() {
        // Not even root may create a directory in /proc: a work directory that cannot be written, whoever runs.
        Path unwritable = Path.of("/proc/kafka-testenv-work");
        assertFails(() -> ClusterDefinition.builder().workDirectory(unwritable).build().start(),
                "Cannot create the work directory " + unwritable, "choose a writable directory");
    }

    @Test
    void brokerThatRejectsItsConfigurationLeavesNothingBehind() throws IOException {
        Set<Thread> threadsBefore = ProcessState.liveThreads();
        Set<Integer> portsBefore = ProcessState.listeningPorts();
        KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class, () -> ClusterDefinition.builder()
                .brokerProperty("num.network.threads", "zero")
                .workDirectory(workDirectory).build().start());
        String message = error.getMessage();
        assertTrue(message.contains("did not start") && message.contains("num.network.threads"), message);
        assertTrue(message.contains("Kafka rejected a broker property: check the broker properties you set"), message);
        assertTrue(message.contains("Last lines of its log"), message);
        assertTrue(message.contains("ZooKeeper") || message.contains("zookeeper"),
                () -> "the tail shows the ZooKeeper server that did start: " + message);

        assertEmpty(workDirectory);
        assertTrue(ProcessState.eventually(10, () -> ProcessState.newThreads(threadsBefore).isEmpty()),
                () -> "threads left: " + ProcessState.newThreads(threadsBefore));
        Set<Integer> portsLeft = ProcessState.listeningPorts();
        portsLeft.removeAll(portsBefore);
        assertEquals(Set.of(), portsLeft, "ports left");
    }

    @Test
    void kraftNodeThatRejectsATopicConfigLeavesNothingBehind() throws IOException {
        Set<Thread> threadsBefore = ProcessState.liveThreads();
        KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class, () -> ClusterDefinition.builder()
                .kafkaVersion("4.4.0")
                .topic(Topic.of("orders").withConfig("cleanup.policy", "sometimes"))
                .workDirectory(workDirectory).build().start());
        assertTrue(error.getMessage().contains("Cannot create topic 'orders'"), error.getMessage());
        assertTrue(error.getMessage().contains("sometimes"), error.getMessage());
        assertEmpty(workDirectory);
        assertTrue(ProcessState.eventually(10, () -> ProcessState.newThreads(threadsBefore).isEmpty()),
                () -> "threads left: " + ProcessState.newThreads(threadsBefore));
    }

    /** A taken port whose predecessor is free, so that broker 0 can have it and broker 1 cannot (CI failed once). */
    private static ServerSocket bindAfterAFreePort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            ServerSocket socket = bind();
            try (ServerSocket previous = new ServerSocket()) {
                previous.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), socket.getLocalPort() - 1));
                return socket;
            } catch (IOException taken) {
                socket.close();
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    private static ServerSocket bind() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return socket;
    }

    private static void assertEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(0, entries.count(), "entries left in " + directory);
        }
    }

    /** Fails unless {@code action} throws a {@link KafkaTestEnvException} with every fragment in its message. */
    private static void assertFails(Executable action, String... fragments) {
        KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class, action);
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment),
                    () -> "expected '" + fragment + "' in: " + error.getMessage());
        }
    }
}
