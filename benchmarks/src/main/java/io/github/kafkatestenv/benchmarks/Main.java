package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.benchmarks.contract.Clients;
import io.github.kafkatestenv.benchmarks.contract.Contract;
import io.github.kafkatestenv.benchmarks.contract.Harness;
import io.github.kafkatestenv.benchmarks.contract.Report;
import io.github.kafkatestenv.benchmarks.contract.Stopper;
import io.github.kafkatestenv.benchmarks.contract.Workloads;
import io.github.kafkatestenv.engine.KafkaCluster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * kafka-testenv's side of the benchmark: {@code Main <scenario>} runs one scenario of benchmarks/SCENARIOS.md in this
 * JVM and prints one JSON line per metric on stdout (everything else goes to stderr). Exit status 0 on success, 1 on
 * failure, 2 for an unknown scenario name. Launched by {@code benchmarks/run-scenario.sh}, which puts the clients of
 * the scenario's Kafka version on the class path.
 */
public final class Main {

    static final String IMPL = "kafka-testenv";

    private Main() {
    }

    public static void main(String[] args) {
        Harness.main(IMPL, args, Main::prepare);
    }

    private static Harness.Body prepare(String name) {
        Scenario scenario = Scenario.parse(name);
        String kafkaVersion = scenario.line().kafkaVersion();
        if (!Clients.version().equals(kafkaVersion)) {
            throw new IllegalStateException("The class path holds kafka-clients " + Clients.version() + ", but "
                    + name + " runs Kafka " + kafkaVersion + ": run it through benchmarks/run-scenario.sh, which"
                    + " picks the clients of the scenario's Kafka version");
        }
        // The engine prints where each start's time went, phase by phase, on stderr (BENCHMARKS.md's profile).
        System.setProperty("kafka.testenv.timings", System.getProperty("kafka.testenv.timings", "true"));
        System.err.println("[bench] " + name + ": kafka-testenv engine, Kafka " + kafkaVersion + " "
                + scenario.line().mode + " x" + scenario.brokers() + ", kafka-clients " + Clients.version()
                + ", java.io.tmpdir " + System.getProperty("java.io.tmpdir"));
        return switch (scenario.workload()) {
            case LIFECYCLE -> (report, stopper) -> Workloads.lifecycle(() -> started(scenario), report, stopper);
            case THROUGHPUT -> (report, stopper) -> Workloads.throughput(() -> started(scenario), report, stopper);
            case CLASSES_10 -> (report, stopper) -> classes10(scenario, report);
            case RERUN -> (report, stopper) -> Rerun.run(scenario, report, stopper);
            case SCALE -> (report, stopper) -> scale(scenario, report, stopper);
        };
    }

    /** Starts the scenario's cluster with the engine, as a kafka-testenv user declares it. */
    private static Workloads.Cluster started(Scenario scenario) {
        return cluster(scenario.definition().start());
    }

    /** The contract's view of an engine cluster: its bootstrap servers, and {@link KafkaCluster#close()}. */
    static Workloads.Cluster cluster(KafkaCluster cluster) {
        return new Workloads.Cluster() {
            @Override
            public String bootstrapServers() {
                return cluster.bootstrapServers();
            }

            @Override
            public void close() {
                cluster.close();
            }

            @Override
            public String toString() {
                return cluster + ", log " + cluster.logFile();
            }
        };
    }

    /**
     * {@code classes-10-<line>}: ten real test classes ({@code <Line>Class01..10}, all with the same
     * {@code @EmbeddedKafka} declaration) run by the JUnit Platform launcher in one launch, as a build runs a test
     * suite; the extension starts one cluster for all of them and closes it when the run ends, its default.
     */
    private static void classes10(Scenario scenario, Report report) throws Exception {
        ClassesRun.Result result = ClassesRun.run(scenario.line());
        report.metric("total_ms", result.totalMs());
        report.metric("first_class_ms", result.classMs().get(0));
        report.metric("later_class_median_ms", Contract.laterClassMedian(result.classMs()));
    }

    /**
     * Scaling {@code scale-<line>-brokers-<N>} / {@code scale-<line>-partitions-<P>}: start (ready), the memory the
     * ready cluster holds (heap used after a full GC, and the process's resident set), one round trip, stop.
     */
    private static void scale(Scenario scenario, Report report, Stopper stopper) throws Exception {
        long t0 = System.nanoTime();
        KafkaCluster cluster = scenario.definition().start();
        report.metric("start_ms", Contract.msSince(t0));
        try {
            report.metric("heap_after_gc_mb", heapAfterGcMb());
            report.metric("rss_mb", residentSetMb());
            report.metric("roundtrip_ms", Clients.roundTrip(cluster.bootstrapServers(), "bench-roundtrip"));
        } finally {
            report.metric("stop_ms", stopper.stop(cluster));
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
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
