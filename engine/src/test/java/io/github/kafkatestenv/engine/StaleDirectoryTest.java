package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL cannot clean up: its cluster directory stays. The next start in the same work
 * directory removes it, and only directories whose owner process is gone.
 */
class StaleDirectoryTest {

    @TempDir
    Path workDirectory;

    @Test
    void nextStartRemovesTheDirectoryOfAKilledJvmOnly() throws Exception {
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartClusterAndWait.class.getName(),
                workDirectory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path killedClusterDirectory;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("READY "), "child started a cluster: " + line);
            killedClusterDirectory = Paths.get(line.substring("READY ".length()));
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.isDirectory(killedClusterDirectory), "a killed JVM leaves its directory");

        Path foreign = Files.createDirectory(workDirectory.resolve("kafka-testenv-notours"));
        Path unrelated = Files.createDirectory(workDirectory.resolve("something-else"));

        try (KafkaCluster cluster = ClusterDefinition.builder().workDirectory(workDirectory).build().start()) {
            assertFalse(Files.exists(killedClusterDirectory), "the stale directory was removed");
            assertTrue(Files.isDirectory(foreign), "a directory without an owner file is kept");
            assertTrue(Files.isDirectory(unrelated), "other directories are kept");
            try (var entries = Files.list(workDirectory)) {
                List<Path> left = entries.sorted().toList();
                assertEquals(List.of(cluster.directory(), foreign, unrelated).stream().sorted().toList(), left);
            }

            // A cluster of a live process is never stale, even for a start in the same directory.
            try (KafkaCluster second = ClusterDefinition.builder().workDirectory(workDirectory).build().start()) {
                assertTrue(Files.isDirectory(cluster.directory()));
                assertTrue(Files.isDirectory(second.directory()));
            }
        }
    }

    /** Started in a child JVM: starts a cluster, prints its directory, and waits to be killed. */
    public static final class StartClusterAndWait {
        public static void main(String[] args) throws Exception {
            KafkaCluster cluster = ClusterDefinition.builder().workDirectory(Paths.get(args[0])).build().start();
            System.out.println("READY " + cluster.directory());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
