package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * kafka-testenv's side of the shared benchmark: {@code Main <scenario>} runs one scenario of
 * shared/bench/SCENARIOS.md in this JVM and prints one JSON line per metric on stdout (everything else goes to
 * stderr). Exit status 0 on success, 1 on failure, 2 for a scenario name that is unknown or not implemented here.
 * Launched by {@code benchmarks/run-scenario.sh}, which puts the clients of the scenario's Kafka version on the
 * class path.
 */
public final class Main {

    /** The clients log through slf4j-simple: WARN and above, to stderr, unless set otherwise. */
    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** How long one stop may take before it counts as hung (SCENARIOS.md: 30 s). */
    static final long STOP_TIMEOUT_MS = Long.getLong("bench.stopTimeoutMs", 30_000);

    private int stopTimeouts;

    private Main() {
    }

    public static void main(String[] args) {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        // stdout carries the JSON lines only: anything a library prints there goes to stderr instead.
        PrintStream json = System.out;
        System.setOut(System.err);
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
        }
        // The engine prints where each start's time went, phase by phase, on stderr (BENCHMARKS.md's profile).
        System.setProperty("kafka.testenv.timings", System.getProperty("kafka.testenv.timings", "true"));
        Leftovers before = Leftovers.snapshot();
        if (args.length != 1) {
            System.err.println("usage: run-scenario.sh SCENARIO   (implemented: "
                    + String.join(" ", Scenario.implementedNames()) + ")");
            System.exit(2);
        }
        Scenario scenario;
        try {
            scenario = Scenario.parse(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!scenario.workload().implemented) {
            System.err.println("Scenario " + scenario.name() + " is in the contract but not implemented by"
                    + " kafka-testenv's benchmark yet; implemented: " + String.join(" ", Scenario.implementedNames()));
            System.exit(2);
            return;
        }
        String kafkaVersion = scenario.line().kafkaVersion();
        if (!Clients.version().equals(kafkaVersion)) {
            System.err.println("The class path holds kafka-clients " + Clients.version() + ", but " + scenario.name()
                    + " runs Kafka " + kafkaVersion + ": run it through benchmarks/run-scenario.sh, which picks"
                    + " the clients of the scenario's Kafka version");
            System.exit(1);
        }
        System.err.println("[bench] " + scenario.name() + ": kafka-testenv engine, Kafka " + kafkaVersion + " "
                + scenario.line().mode + " x" + scenario.brokers() + ", kafka-clients " + Clients.version()
                + ", java.io.tmpdir " + System.getProperty("java.io.tmpdir"));
        Report report = new Report(scenario.name(), json);
        report.metric("jvm_start_ms", jvmStartMs);
        Main run = new Main();
        try {
            switch (scenario.workload()) {
                case LIFECYCLE -> run.lifecycle(scenario, report);
                case THROUGHPUT -> run.throughput(scenario, report);
                case CLASSES_10 -> run.classes10(scenario, report);
                case SCALE -> run.scale(scenario, report);
                default -> throw new IllegalStateException("not implemented: " + scenario.workload());
            }
            report.metric("stop_timeouts", run.stopTimeouts);
            before.report(report);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        // Exit as a test runner does: a leftover non-daemon thread must not hang the benchmark.
        System.exit(0);
    }

    /** Lifecycle {@code <line>-<N>}: start (ready), one round trip, stop. */
    private void lifecycle(Scenario scenario, Report report) throws Exception {
        ClusterDefinition definition = scenario.definition();
        long t0 = System.nanoTime();
        KafkaCluster cluster = definition.start();
        report.metric("start_ms", msSince(t0));
        report.metric("jvm_uptime_at_ready_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        System.err.println("[bench] ready: " + cluster + ", log " + cluster.logFile());
        try {
            report.metric("roundtrip_ms", Clients.roundTrip(cluster.bootstrapServers(), "bench-roundtrip"));
        } finally {
            report.metric("stop_ms", stop(cluster));
        }
    }

    /**
     * Scaling {@code scale-<line>-brokers-<N>} / {@code scale-<line>-partitions-<P>}: start (ready), the memory the
     * ready cluster holds (heap used after a full GC, and the process's resident set), one round trip, stop.
     */
    private void scale(Scenario scenario, Report report) throws Exception {
        ClusterDefinition definition = scenario.definition();
        long t0 = System.nanoTime();
        KafkaCluster cluster = definition.start();
        report.metric("start_ms", msSince(t0));
        try {
            report.metric("heap_after_gc_mb", heapAfterGcMb());
            report.metric("rss_mb", residentSetMb());
            report.metric("roundtrip_ms", Clients.roundTrip(cluster.bootstrapServers(), "bench-roundtrip"));
        } finally {
            report.metric("stop_ms", stop(cluster));
        }
    }

    private static long heapAfterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /** VmRSS from /proc/self/status, in MiB; -1 where there is no /proc. */
    private static long residentSetMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * {@code classes-10-<line>}: ten real test classes ({@code <Line>Class01..10}, all with the same
     * {@code @EmbeddedKafka} declaration) run by the JUnit Platform launcher in one launch, as a build runs a test
     * suite; the extension starts one cluster for all of them and closes it when the run ends, its default.
     */
    private void classes10(Scenario scenario, Report report) throws Exception {
        ClassesRun.Result result = ClassesRun.run(scenario.line());
        report.metric("total_ms", result.totalMs());
        report.metric("first_class_ms", result.classMs().get(0));
        report.metric("later_class_median_ms", result.laterClassMedianMs());
    }

    /** Throughput {@code throughput-<line>}: a 1-broker cluster, 200,000 records produced, then consumed, stop. */
    private void throughput(Scenario scenario, Report report) throws Exception {
        ClusterDefinition definition = scenario.definition();
        long t0 = System.nanoTime();
        KafkaCluster cluster = definition.start();
        report.metric("start_ms", msSince(t0));
        System.err.println("[bench] ready: " + cluster + ", log " + cluster.logFile());
        try {
            long produceMs = Clients.produceMany(cluster.bootstrapServers(), Clients.THROUGHPUT_RECORDS);
            report.metric("produce_ms", produceMs);
            report.metric("produce_rps", Clients.THROUGHPUT_RECORDS * 1000L / Math.max(1, produceMs));
            long consumeMs = Clients.consumeMany(cluster.bootstrapServers(), Clients.THROUGHPUT_RECORDS);
            report.metric("consume_ms", consumeMs);
            report.metric("consume_rps", Clients.THROUGHPUT_RECORDS * 1000L / Math.max(1, consumeMs));
        } finally {
            report.metric("stop_ms", stop(cluster));
        }
    }

    /**
     * Stops the whole cluster as the JUnit extension does after a class ({@link KafkaCluster#close()}) and returns
     * the ms it took. A stop still running after {@link #STOP_TIMEOUT_MS} is abandoned and counted in
     * {@code stop_timeouts} (its threads then count as leftovers); a stop that throws fails the run.
     */
    long stop(KafkaCluster cluster) throws Exception {
        long t0 = System.nanoTime();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                cluster.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "bench-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(STOP_TIMEOUT_MS);
        if (stopper.isAlive()) {
            stopTimeouts++;
            System.err.println("[bench] stop still running after " + STOP_TIMEOUT_MS + " ms: abandoned");
        } else if (failure.get() != null) {
            throw new IllegalStateException("Stopping the cluster failed", failure.get());
        }
        return msSince(t0);
    }

    static long msSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
