package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ReusableClusters;
import io.github.kafkatestenv.engine.internal.ReusableClusters.KeptCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm re-runs of {@code @EmbeddedKafka} classes ({@code kafka.testenv.reuse=true}), each run a JVM of its own
 * ({@link ReuseRun}), as two runs from an IDE or two {@code mvn test} are: the second gets the first run's shared and
 * fresh clusters, and sees none of the records, topics and groups the first left; a run without reuse keeps nothing.
 * The kept clusters live in a cache directory of this test's own, and are stopped at its end.
 */
class ReuseTest {

    @TempDir
    static Path cache;
    private static String previousCache;

    @BeforeAll
    static void useOwnCache() {
        previousCache = System.getProperty("kafka.testenv.cache");
        System.setProperty("kafka.testenv.cache", cache.toString());
    }

    @AfterAll
    static void stopTheKeptClusters() {
        try {
            for (KeptCluster kept : ReusableClusters.list()) {
                assertTrue(ReusableClusters.stop(kept.id()), kept::toString);
                assertFalse(ProcessHandle.of(kept.pid()).map(ProcessHandle::isAlive).orElse(false), "host ended");
                assertFalse(Files.exists(kept.directory()), "kept cluster's directory deleted");
            }
        } finally {
            if (previousCache == null) {
                System.clearProperty("kafka.testenv.cache");
            } else {
                System.setProperty("kafka.testenv.cache", previousCache);
            }
        }
    }

    @Test
    void theNextRunGetsTheClustersResetAndARunWithoutReuseKeepsNothing() throws Exception {
        Map<String, String[]> first = run("true", "SharedTestCase", "FreshTestCase");
        assertEquals("false", first.get("shared")[3], "the first run starts its clusters");
        assertEquals("topics [reused] records 0 groups []", tail(first.get("shared")));
        assertEquals("topics [reused] records 0 groups []", tail(first.get("fresh")));
        Set<String> firstClusters = Set.of(first.get("shared")[5], first.get("fresh")[5]);
        assertEquals(2, firstClusters.size(), "the fresh class has a cluster of its own");
        assertEquals(2, ReusableClusters.list().size(), () -> "both kept: " + ReusableClusters.list());
        assertTrue(ReusableClusters.list().stream().noneMatch(KeptCluster::leased), "and released");

        Map<String, String[]> second = run("true", "SharedTestCase", "FreshTestCase");
        for (String name : List.of("shared", "fresh")) {
            assertEquals("true", second.get(name)[3], name + ": the second run gets a kept cluster");
            assertEquals("topics [reused] records 0 groups []", tail(second.get(name)),
                    name + ": no records, groups or topics of the first run");
        }
        assertEquals(firstClusters, Set.of(second.get("shared")[5], second.get("fresh")[5]), "the same two clusters");

        Map<String, String[]> without = run("false", "SharedTestCase");
        assertEquals("false", without.get("shared")[3]);
        assertFalse(firstClusters.contains(without.get("shared")[5]), "without reuse: a cluster of the run's own");
        assertFalse(Files.exists(Paths.get(without.get("shared")[6])), "gone with the run");
        assertEquals(2, ReusableClusters.list().size(), () -> "nothing more kept: " + ReusableClusters.list());
    }

    /** Runs the test cases in a JVM of their own; returns their SEEN lines, split, by name. */
    private static Map<String, String[]> run(String reuse, String... testCases) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dkafka.testenv.cache=" + cache, "-Dkafka.testenv.reuse.idle=PT2M",
                "-cp", System.getProperty("java.class.path"), ReuseRun.class.getName(), reuse));
        command.addAll(List.of(testCases));
        Path output = Files.createTempFile(cache, "run", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try {
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the run ended");
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertTrue(lines.contains("OUTCOME failures [] succeeded " + testCases.length),
                () -> String.join("\n", lines));
        Map<String, String[]> seen = new HashMap<>();
        for (String line : lines.stream().filter(l -> l.startsWith("SEEN ")).collect(Collectors.toList())) {
            String[] fields = line.split(" ");
            seen.put(fields[1], fields);
        }
        assertEquals(testCases.length, seen.size(), () -> String.join("\n", lines));
        return seen;
    }

    /** "topics [...] records n groups [...]" of a SEEN line. */
    private static String tail(String[] fields) {
        return String.join(" ", List.of(fields).subList(7, fields.length));
    }
}
