package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C on a test run (SIGINT) or a CI job cancelled politely (SIGTERM): the JVM runs its shutdown hooks, and the
 * cluster's own hook closes it, so that the directory is gone, the ports are free and the JVM exits in bounded time,
 * also when the signal comes while the cluster is still starting. A next start in the same work directory, on the
 * very same ports, then starts cleanly. (SIGKILL: see StaleDirectoryTest.)
 */
class ShutdownSignalTest {

    /** How long a signalled JVM may take to close its cluster and exit. */
    private static final int EXIT_BOUND_SECONDS = 60;

    @TempDir
    Path workDirectory;

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "SIG{0} to a JVM running Kafka {1} {2} mode")
    @CsvSource({"INT, 3.9.2, ZOOKEEPER", "TERM, 4.4.0, KRAFT"})
    void signalledJvmClosesItsClusterAndExits(String signal, String version, Mode mode) throws Exception {
        Path childErrors = scratch.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartClusterAndWait.class.getName(),
                workDirectory.toString(), version, mode.name())
                .redirectError(childErrors.toFile())
                .start();
        String[] ready;
        long signalled;
        try {
            ready = firstLine(child).split(" ");
            assertEquals("READY", ready[0], () -> "the child started a cluster; its stderr: " + read(childErrors));
            signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " was sent");
            assertTrue(child.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS), () -> "the child exits within "
                    + EXIT_BOUND_SECONDS + " s of SIG" + signal + "; its stderr: " + read(childErrors));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long exitMs = (System.nanoTime() - signalled) / 1_000_000;
        System.out.printf("SIG%s, Kafka %s %s: the child JVM closed its cluster and exited %d ms after the signal%n",
                signal, version, mode, exitMs);

        assertEquals(128 + ("INT".equals(signal) ? 2 : 15), child.exitValue(), "exit status of a signalled JVM");
        Path directory = Paths.get(ready[1]);
        assertFalse(Files.exists(directory), "the shutdown hook deleted " + directory);
        try (Stream<Path> entries = Files.list(workDirectory)) {
            assertEquals(List.of(), entries.toList(), "entries left in the work directory");
        }

        // The same ports again: they are free, and the work directory takes a new cluster as if nothing happened.
        int brokerPort = Integer.parseInt(ready[2]);
        int zooKeeperPort = Integer.parseInt(ready[3]);
        ClusterDefinition next = ClusterDefinition.builder().kafkaVersion(version).mode(mode)
                .brokerPort(brokerPort).zookeeperPort(zooKeeperPort).workDirectory(workDirectory).build();
        try (KafkaCluster cluster = next.start()) {
            assertEquals(brokerPort, cluster.brokers().get(0).port());
            assertEquals(1, Clients.send(cluster, "after-signal", 1).size());
            try (Stream<Path> entries = Files.list(workDirectory)) {
                assertEquals(List.of(cluster.directory()), entries.toList());
            }
        }
    }

    @ParameterizedTest(name = "SIG{0} to a JVM starting Kafka {1} {2} mode, once its log says \"{3}\"")
    @CsvSource({"INT, 3.9.2, ZOOKEEPER, Connecting to zookeeper", "INT, 4.4.0, KRAFT, Starting controller"})
    void signalDuringTheStartLeavesNothingEither(String signal, String version, Mode mode, String logLine)
            throws Exception {
        Path childOutput = scratch.resolve("child-output.txt");
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartClusterAndWait.class.getName(),
                workDirectory.toString(), version, mode.name())
                .redirectErrorStream(true)
                .redirectOutput(childOutput.toFile())
                .start();
        long signalled;
        try {
            assertTrue(ProcessState.eventually(180, () -> logSays(logLine)),
                    () -> "the child's broker began its start; its output: " + read(childOutput));
            signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " was sent");
            assertTrue(child.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS), () -> "the child exits within "
                    + EXIT_BOUND_SECONDS + " s of SIG" + signal + "; its output: " + read(childOutput));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long exitMs = (System.nanoTime() - signalled) / 1_000_000;
        System.out.printf("SIG%s during a Kafka %s %s start: the child JVM exited %d ms after the signal%n",
                signal, version, mode, exitMs);

        assertEquals(128 + ("INT".equals(signal) ? 2 : 15), child.exitValue(), "exit status of a signalled JVM");
        try (Stream<Path> entries = Files.list(workDirectory)) {
            assertEquals(List.of(), entries.toList(), "entries left in the work directory");
        }
        String output = read(childOutput);
        assertFalse(output.contains("Exception") || output.contains("ERROR"),
                () -> "nothing of Kafka's reaches the console: " + output);
    }

    /** Whether the log of the cluster starting in the work directory has a line containing {@code text}. */
    private boolean logSays(String text) {
        try (Stream<Path> files = Files.walk(workDirectory)) {
            for (Path log : files.filter(file -> file.getFileName().toString().equals("kafka.log")).toList()) {
                if (Files.readString(log).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | UncheckedIOException e) {
            return false; // being written or deleted right now
        }
    }

    /** The first line a child JVM prints, waited for up to 3 minutes. */
    static String firstLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "(cannot read the child's output: " + e + ")";
            }
        }).get(3, TimeUnit.MINUTES);
        return line == null ? "(the child exited without a word)" : line;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Started in a child JVM: starts a cluster, prints its directory and ports, and waits for a signal. */
    public static final class StartClusterAndWait {
        public static void main(String[] args) throws Exception {
            KafkaCluster cluster = ClusterDefinition.builder().workDirectory(Paths.get(args[0]))
                    .kafkaVersion(args[1]).mode(Mode.valueOf(args[2])).build().start();
            String zooKeeperPort = cluster.zookeeperConnect().map(c -> c.substring(c.lastIndexOf(':') + 1)).orElse("0");
            System.out.println("READY " + cluster.directory() + " " + cluster.brokers().get(0).port() + " "
                    + zooKeeperPort);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
