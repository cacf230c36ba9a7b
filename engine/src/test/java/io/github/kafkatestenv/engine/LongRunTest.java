package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ClusterHandle;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a long test suite does to one JVM: fifty clusters, one after the other, each used for a real produce and
 * consume round trip and closed. Measured from the process itself, never from the engine's own counters: after the
 * last close the JVM holds the threads it held before the first start, no more listening ports, no directory in the
 * work directory, and neither its open file descriptors nor the heap nor the loaded classes grew from cycles 10-20
 * to cycles 40-50; the runtimes' class loaders were collected. The figures go to stdout (the surefire report's
 * output file).
 *
 * <p>Tagged {@code long-run}: several minutes on a 2-core machine; {@code -DexcludedGroups=long-run} leaves it out.
 */
@Tag("long-run")
class LongRunTest {

    private static final int CYCLES = 50;

    /** The cycles after which the process is measured after full collections, and printed. */
    private static final List<Integer> SAMPLED = List.of(1, 10, 15, 20, 25, 30, 35, 40, 45, 50);

    /**
     * The growth checked is from the least of these samples (cycle 1 warms the JVM up) to the least of the late ones:
     * one sample may catch something short-lived (12 MB more heap, once in a while, in KRaft mode); a leak stays.
     */
    private static final List<Integer> EARLY = List.of(10, 15, 20);

    private static final List<Integer> LATE = List.of(40, 45, 50);

    /**
     * Open descriptors may differ by a few from one sample to the next (a JDK selector, a log file, a socket still
     * closing); a descriptor leaked per cycle would add 20 or more between the early and the late samples.
     */
    private static final int FD_NOISE = 8;

    /**
     * Heap growth allowed from the early to the late samples. A closed runtime kept alive keeps its classes' mirrors,
     * statics and caches: measured at 6.7 MB of heap after collection for a 3.9.2 ZooKeeper-mode runtime and 7.6 MB
     * for a 4.4.0 KRaft one, so one kept per cycle would add 140 MB or more, and four kept in all break the bound.
     */
    private static final long HEAP_GROWTH_BOUND = 24L << 20;

    /**
     * Loaded classes may grow by a JDK helper or two; one runtime kept alive adds the classes its start loaded
     * (measured: 5,400 for 3.9.2 in ZooKeeper mode, 6,100 for 4.4.0 in KRaft mode).
     */
    private static final int CLASS_GROWTH_BOUND = 1_000;

    /** Class loaders that may still be reachable at the end: the last cycle's, and one a JDK cache kept. */
    private static final int LOADERS_KEPT_BOUND = 2;

    @TempDir
    Path workDirectory;

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of("3.9.2", Mode.ZOOKEEPER), Arguments.of("4.4.0", Mode.KRAFT));
    }

    @ParameterizedTest(name = "Kafka {0} {1} mode")
    @MethodSource("modes")
    void fiftyClustersInARowLeaveTheProcessAsTheyFoundIt(String version, Mode mode) throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder().kafkaVersion(version).mode(mode)
                .topic(Topic.of("cycle")).workDirectory(workDirectory).build();
        long runStart = System.nanoTime();
        Set<Thread> threadsBefore = ProcessState.liveThreads();
        int threadCountBefore = threadCount();
        int fdsBefore = ProcessState.openFileDescriptors();
        Set<Integer> portsBefore = ProcessState.listeningPorts();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        List<Cycle> cycles = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();

        for (int number = 1; number <= CYCLES; number++) {
            long start = System.nanoTime();
            KafkaCluster cluster = definition.start();
            long started = System.nanoTime();
            long used;
            Path directory = cluster.directory();
            try {
                loaders.add(new WeakReference<>(((ClusterHandle) cluster).runtimeClassLoader()));
                List<String> sent = Clients.send(cluster, "cycle", 1);
                List<ConsumerRecord<String, String>> read =
                        Clients.read(cluster, "cycle", 1, Duration.ofSeconds(30));
                assertEquals(sent, read.stream().map(ConsumerRecord::value).toList(),
                        "cycle " + number + " round trip");
            } finally {
                used = System.nanoTime();
                cluster.close();
            }
            long closed = System.nanoTime();
            assertFalse(Files.exists(directory), "cycle " + number + " deleted its directory");
            Cycle cycle = new Cycle(number, millis(start, started), millis(started, used), millis(used, closed),
                    threadCount(), ProcessState.openFileDescriptors());
            cycles.add(cycle);
            System.out.println(cycle);
            if (SAMPLED.contains(number)) {
                Sample sample = Sample.take(number);
                samples.add(sample);
                System.out.println(sample);
            }
        }

        boolean threadsBack = ProcessState.eventually(30, () -> ProcessState.newThreads(threadsBefore).isEmpty());
        Set<Integer> portsLeft = ProcessState.listeningPorts();
        portsLeft.removeAll(portsBefore);
        int loadersKept = loadersKeptAfterCollection(loaders);
        List<Path> left;
        try (Stream<Path> entries = Files.list(workDirectory)) {
            left = entries.toList();
        }
        Sample early = Sample.least(samples, EARLY);
        Sample late = Sample.least(samples, LATE);
        System.out.println(summary(version, mode, millis(runStart, System.nanoTime()), cycles, samples,
                threadCountBefore, threadCount(), fdsBefore, loadersKept));

        assertTrue(threadsBack, () -> "threads left after " + CYCLES + " cycles: "
                + ProcessState.newThreads(threadsBefore));
        assertEquals(Set.of(), portsLeft, "listening ports left");
        assertEquals(List.of(), left, "entries left in the work directory");
        assertTrue(late.fds - early.fds <= FD_NOISE, () -> "open file descriptors grew from " + early.fds
                + " after cycles " + EARLY + " to " + late.fds + " after cycles " + LATE + " (noise allowed: "
                + FD_NOISE + ")");
        assertTrue(late.heapUsed - early.heapUsed <= HEAP_GROWTH_BOUND, () -> "heap after collection grew from "
                + mb(early.heapUsed) + " after cycles " + EARLY + " to " + mb(late.heapUsed) + " after cycles "
                + LATE + " (allowed: " + mb(HEAP_GROWTH_BOUND) + ")");
        assertTrue(late.loadedClasses - early.loadedClasses <= CLASS_GROWTH_BOUND, () -> "loaded classes grew from "
                + early.loadedClasses + " after cycles " + EARLY + " to " + late.loadedClasses + " after cycles "
                + LATE);
        assertTrue(loadersKept <= LOADERS_KEPT_BOUND, () -> loadersKept + " of " + CYCLES
                + " runtime class loaders are still reachable after the run (allowed: " + LOADERS_KEPT_BOUND + ")");
    }

    /** How many of the loaders are still reachable once collections had 30 s to clear them. */
    private static int loadersKeptAfterCollection(List<WeakReference<ClassLoader>> loaders) {
        ProcessState.eventually(30, () -> {
            ProcessState.collectWithMemoryPressure();
            return loaders.stream().filter(l -> l.get() != null).count() <= LOADERS_KEPT_BOUND;
        });
        return (int) loaders.stream().filter(l -> l.get() != null).count();
    }

    private static String summary(String version, Mode mode, long totalMs, List<Cycle> cycles, List<Sample> samples,
                                  int threadsBefore, int threadsAfter, int fdsBefore, int loadersKept) {
        StringBuilder text = new StringBuilder("\n== Kafka " + version + " " + mode + ": " + CYCLES + " cycles in "
                + totalMs / 1000 + " s ==\n");
        text.append(String.format("start ms:      median %d, min %d, max %d%n", median(cycles, Cycle::startMs),
                min(cycles, Cycle::startMs), max(cycles, Cycle::startMs)));
        text.append(String.format("round trip ms: median %d, min %d, max %d%n", median(cycles, Cycle::roundTripMs),
                min(cycles, Cycle::roundTripMs), max(cycles, Cycle::roundTripMs)));
        text.append(String.format("close ms:      median %d, min %d, max %d%n", median(cycles, Cycle::closeMs),
                min(cycles, Cycle::closeMs), max(cycles, Cycle::closeMs)));
        text.append(String.format("threads: %d before the first start, %d after the last close%n",
                threadsBefore, threadsAfter));
        text.append(String.format("fds: %d before the first start%n", fdsBefore));
        text.append(String.format("%-6s %8s %10s %8s %8s %5s %8s %8s%n",
                "cycle", "start ms", "round trip", "close ms", "threads", "fds", "heap MB", "classes"));
        for (Sample sample : samples) {
            Cycle cycle = cycles.get(sample.cycle - 1);
            text.append(String.format("%-6d %8d %10d %8d %8d %5d %8.1f %8d%n", sample.cycle, cycle.startMs,
                    cycle.roundTripMs, cycle.closeMs, sample.threads, sample.fds, sample.heapUsed / 1048576.0,
                    sample.loadedClasses));
        }
        text.append(String.format("runtime class loaders still reachable at the end: %d of %d%n", loadersKept,
                CYCLES));
        return text.toString();
    }

    private interface CycleFigure {
        long of(Cycle cycle);
    }

    private static long median(List<Cycle> cycles, CycleFigure figure) {
        long[] values = cycles.stream().mapToLong(figure::of).sorted().toArray();
        return values[values.length / 2];
    }

    private static long min(List<Cycle> cycles, CycleFigure figure) {
        return cycles.stream().mapToLong(figure::of).min().orElse(0);
    }

    private static long max(List<Cycle> cycles, CycleFigure figure) {
        return cycles.stream().mapToLong(figure::of).max().orElse(0);
    }

    private static int threadCount() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }

    /** One start, round trip and close: how long each took, and what the process held right after the close. */
    private record Cycle(int number, long startMs, long roundTripMs, long closeMs, int threads, int fds) {
        @Override
        public String toString() {
            return String.format("cycle %2d: start %5d ms, round trip %5d ms, close %5d ms; after close %3d threads,"
                    + " %3d fds", number, startMs, roundTripMs, closeMs, threads, fds);
        }
    }

    /** The process after full collections, once the cycle's cluster is closed. */
    private record Sample(int cycle, long heapUsed, int loadedClasses, int threads, int fds) {
        static Sample take(int cycle) {
            ProcessState.Collected collected = ProcessState.collectFully();
            return new Sample(cycle, collected.heapUsed(), collected.loadedClasses(), threadCount(),
                    ProcessState.openFileDescriptors());
        }

        /** The least of each figure over the samples of {@code cycles}. */
        static Sample least(List<Sample> samples, List<Integer> cycles) {
            List<Sample> chosen = samples.stream().filter(sample -> cycles.contains(sample.cycle)).toList();
            return new Sample(cycles.get(0), chosen.stream().mapToLong(Sample::heapUsed).min().orElseThrow(),
                    chosen.stream().mapToInt(Sample::loadedClasses).min().orElseThrow(),
                    chosen.stream().mapToInt(Sample::threads).min().orElseThrow(),
                    chosen.stream().mapToInt(Sample::fds).min().orElseThrow());
        }

        @Override
        public String toString() {
            return String.format("  sample after cycle %d: heap after GC %s, %d classes loaded, %d threads, %d fds",
                    cycle, mb(heapUsed), loadedClasses, threads, fds);
        }
    }
}
