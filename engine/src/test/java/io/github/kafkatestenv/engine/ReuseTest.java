package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ReusableClusters;
import io.github.kafkatestenv.engine.internal.ReusableClusters.KeptCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm re-runs as runs see them, each run a JVM of its own: a kept cluster outlives its run, the next run with an
 * equal definition gets it reset (whatever a killed run left), two runs at a time get two clusters, and a kept
 * cluster stops by itself, on request, or dies with SIGKILL without leaving anything that confuses the next run.
 */
class ReuseTest {

    private static final Duration LONG_IDLE = Duration.ofMinutes(2);
    private static final Duration SHORT_IDLE = Duration.ofSeconds(3);

    @TempDir
    static Path cache;
    private static String previousCache;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Map<Process, Path> ERRORS = new ConcurrentHashMap<>();
    private final List<Process> runs = new ArrayList<>();

    @BeforeAll
    static void useOwnCache() {
        previousCache = System.getProperty("kafka.testenv.cache");
        System.setProperty("kafka.testenv.cache", cache.toString());
    }

    @AfterAll
    static void stopEverything() {
        try {
            ReusableClusters.stopAll();
        } finally {
            if (previousCache == null) {
                System.clearProperty("kafka.testenv.cache");
            } else {
                System.setProperty("kafka.testenv.cache", previousCache);
            }
        }
    }

    @AfterEach
    void endRuns() throws Exception {
        for (Process run : runs) {
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
            Files.readAllLines(ERRORS.get(run)).stream().filter(line -> line.startsWith("[kept-run]"))
                    .forEach(System.out::println);
        }
    }

    @Test
    void theNextRunGetsTheClusterResetAndConcurrentRunsGetTheirOwn() throws Exception {
        Process dirty = run("dirty", Placement.IN_JVM, LONG_IDLE);
        String[] left = firstLine(dirty).split(" ");
        assertEquals("DIRTY", left[0], () -> "run A kept a cluster: " + String.join(" ", left));
        dirty.destroyForcibly(); // SIGKILL in the middle: its group member stays, its lease goes
        dirty.waitFor(30, TimeUnit.SECONDS);

        Process next = run("look", Placement.IN_JVM, SHORT_IDLE);
        assertEquals("SEEN cluster " + left[2] + " " + left[3] + " topics [audit, orders] records 0 groups []",
                firstLine(next), "run B gets run A's cluster, reset");
        Process concurrent = run("look", Placement.IN_JVM, LONG_IDLE);
        String[] other = firstLine(concurrent).split(" ");
        assertEquals("SEEN", other[0], () -> String.join(" ", other));
        assertNotEquals(left[2], other[2], "run C, while B holds its cluster, gets a cluster of its own");

        Map<Path, KeptCluster> kept = ReusableClusters.list().stream()
                .collect(Collectors.toMap(KeptCluster::directory, Function.identity()));
        assertEquals(2, kept.size(), () -> "two kept clusters: " + kept);
        KeptCluster first = kept.get(Paths.get(left[3]));
        KeptCluster second = kept.get(Paths.get(other[3]));
        assertTrue(first.leased() && second.leased(), () -> "both leased: " + kept);

        concurrent.getOutputStream().close(); // run C ends and lets go
        assertTrue(concurrent.waitFor(60, TimeUnit.SECONDS), "run C ended");
        assertFalse(ReusableClusters.list().stream().filter(c -> c.id().equals(second.id())).findFirst().orElseThrow()
                .leased(), "run C's cluster is free once C ended");
        assertTrue(ReusableClusters.stop(second.id()), "stop finds C's cluster");
        assertGone(second, other[2]);

        next.getOutputStream().close(); // run B ends; its cluster waits SHORT_IDLE for another run, then stops
        assertTrue(next.waitFor(60, TimeUnit.SECONDS), "run B ended");
        assertTrue(ProcessState.eventually(60, () -> !alive(first.pid())),
                "the host stops by itself after " + SHORT_IDLE + " without a lease");
        assertGone(first, left[2]);
        assertEquals(List.of(), ReusableClusters.list(), "the registry is empty");
    }

    @Test
    void aKilledHostLeavesNothingThatBlocksTheNextRun() throws Exception {
        Process look = run("look", Placement.PROCESSES, LONG_IDLE);
        String[] seen = firstLine(look).split(" ");
        assertEquals("SEEN", seen[0], () -> String.join(" ", seen));
        look.getOutputStream().close();
        assertTrue(look.waitFor(60, TimeUnit.SECONDS), "the run ended");
        KeptCluster kept = ReusableClusters.list().get(0);
        ProcessHandle host = ProcessHandle.of(kept.pid()).orElseThrow();
        List<ProcessHandle> servers = host.descendants().collect(Collectors.toList());
        assertFalse(servers.isEmpty(), "the host runs its servers in processes");

        host.destroyForcibly();
        assertTrue(ProcessState.eventually(30, () -> !host.isAlive()
                && servers.stream().noneMatch(ProcessHandle::isAlive)), "the host's server processes die with it");
        assertEquals(List.of(), ReusableClusters.list(), "the next run's registry forgets the dead host");
        assertGone(kept, seen[2]);

        Process next = run("look", Placement.PROCESSES, LONG_IDLE);
        String[] fresh = firstLine(next).split(" ");
        assertEquals("SEEN", fresh[0], () -> String.join(" ", fresh));
        assertEquals("topics [audit, orders] records 0 groups []",
                String.join(" ", List.of(fresh).subList(4, fresh.length)), "a new cluster after the dead one");
        next.getOutputStream().close();
        assertTrue(next.waitFor(60, TimeUnit.SECONDS), "the next run ended");
        List<KeptCluster> stopped = ReusableClusters.stopAll();
        assertEquals(1, stopped.size(), () -> "stopAll stopped the new cluster: " + stopped);
        assertGone(stopped.get(0), fresh[2]);
    }

    private Process run(String what, Placement placement, Duration idle) throws Exception {
        Path errors = cache.resolve("run-" + RUNS.incrementAndGet() + ".err");
        Process process = new ProcessBuilder(KeptRun.command(cache, what, placement, idle))
                .redirectError(errors.toFile()).start();
        runs.add(process);
        ERRORS.put(process, errors);
        return process;
    }

    /** The first line a run printed, or what it printed on its standard error if none. */
    private static String firstLine(Process run) throws Exception {
        String line = ShutdownSignalTest.firstLine(run);
        if (line.startsWith("(")) {
            run.waitFor(30, TimeUnit.SECONDS);
            return line + "; its errors:\n" + Files.readString(ERRORS.get(run));
        }
        return line;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Nothing of a kept cluster is left: no host, no listener on its brokers' ports, no directory. */
    private static void assertGone(KeptCluster cluster, String bootstrapServers) {
        assertTrue(ProcessState.eventually(30, () -> !alive(cluster.pid())),
                "host " + cluster.pid() + " ended");
        for (String server : bootstrapServers.split(",")) {
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertTrue(ProcessState.eventually(30, () -> !ProcessPlacementTest.listening(port)),
                    "nothing listens on " + server);
        }
        assertTrue(ProcessState.eventually(30, () -> !Files.exists(cluster.directory())),
                () -> "the cluster's directory is gone: " + cluster.directory());
        assertTrue(ProcessState.eventually(30, () -> !Files.exists(cluster.directory().getParent())),
                () -> "the host's directory is gone: " + cluster.directory().getParent());
    }
}
