package io.github.kafkatestenv.benchmarks.anchor;

import io.github.kafkatestenv.benchmarks.contract.Clients;
import io.github.kafkatestenv.benchmarks.contract.Contract;
import io.github.kafkatestenv.benchmarks.contract.Harness;
import io.github.kafkatestenv.benchmarks.contract.Report;
import io.github.kafkatestenv.benchmarks.contract.Stopper;
import io.github.kafkatestenv.benchmarks.contract.Workloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The anchor's side of the benchmark: {@code AnchorMain <scenario>} runs one scenario of benchmarks/SCENARIOS.md on
 * spring-kafka-test's embedded brokers ({@link EmbeddedBrokers}) and prints one JSON line per metric on stdout, with
 * {@code "impl":"spring-kafka-test"}. Each anchor module runs one Kafka line (anchor.properties): kafka39 zk and
 * kraft, kafka4 kraft4; a scenario of another line, or an unknown name, exits with status 2.
 */
public final class AnchorMain {

    static final String IMPL = "spring-kafka-test";
    private static final int CLASSES = 10;

    private AnchorMain() {
    }

    public static void main(String[] args) {
        Harness.main(IMPL, args, AnchorMain::prepare);
    }

    private static Harness.Body prepare(String name) {
        Contract.Scenario scenario = Contract.parse(name).orElseThrow(() -> new IllegalArgumentException(
                "Unknown scenario '" + name + "'. Scenarios of the contract: " + String.join(" ", Contract.names())));
        Properties module = module();
        String describe = "spring-kafka-test " + module.getProperty("spring-kafka-test.version") + " on Kafka "
                + module.getProperty("kafka.version");
        List<String> lines = Arrays.asList(module.getProperty("lines").split(" "));
        if (!lines.contains(scenario.line().label)) {
            throw new IllegalArgumentException("This anchor module (" + describe + ") runs the lines " + lines + ", not "
                    + scenario.line().label + " of " + name + ": run kraft4 scenarios with anchor/kafka4, the others with"
                    + " anchor/kafka39 (compare.sh picks the module)");
        }
        if (!Clients.version().equals(module.getProperty("kafka.version"))) {
            throw new IllegalStateException("The class path holds kafka-clients " + Clients.version() + " but this anchor"
                    + " module was built for " + describe + ": run it with its own target/lib");
        }
        System.err.println("[bench] " + name + " on " + describe + ", java.io.tmpdir "
                + System.getProperty("java.io.tmpdir"));
        return switch (scenario.workload()) {
            // rerun-*: spring-kafka-test keeps nothing across JVMs, so every run is the lifecycle's cold start.
            case LIFECYCLE, RERUN -> (report, stopper) ->
                    Workloads.lifecycle(() -> EmbeddedBrokers.start(scenario), report, stopper);
            case THROUGHPUT -> (report, stopper) ->
                    Workloads.throughput(() -> EmbeddedBrokers.start(scenario), report, stopper);
            case CLASSES_10 -> (report, stopper) -> classes10(scenario, report, stopper);
        };
    }

    /**
     * {@code classes-10-<line>} as spring-kafka-test's {@code @EmbeddedKafka} does by default for ten classes: a
     * cluster of its own per class, started before the class and stopped after it; nothing is shared.
     */
    private static void classes10(Contract.Scenario scenario, Report report, Stopper stopper) throws Exception {
        List<Long> classMs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 1; i <= CLASSES; i++) {
            long c0 = System.nanoTime();
            Workloads.Cluster cluster = EmbeddedBrokers.start(scenario);
            try {
                Clients.roundTrip(cluster.bootstrapServers(), "bench-class-" + i);
            } finally {
                stopper.stop(cluster);
            }
            classMs.add(Contract.msSince(c0));
        }
        report.metric("total_ms", Contract.msSince(t0));
        report.metric("first_class_ms", classMs.get(0));
        report.metric("later_class_median_ms", Contract.laterClassMedian(classMs));
    }

    /** anchor.properties: the Kafka and spring-kafka-test versions and the lines of this module. */
    private static Properties module() {
        Properties properties = new Properties();
        try (InputStream in = AnchorMain.class.getResourceAsStream("anchor.properties")) {
            if (in == null) {
                throw new IllegalStateException("anchor.properties is missing: build the anchor with Maven"
                        + " (benchmarks/compare.sh build)");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
