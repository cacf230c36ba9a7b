package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.benchmarks.contract.Contract;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario by name: every name of the contract ({@link Contract#parse}) and, beyond it, for BENCHMARKS.md's scaling
 * table only (no anchor runs them): {@code scale-<line>-brokers-<N>} (N brokers, N = 1..9) and
 * {@code scale-<line>-partitions-<P>} (one broker and a topic of P partitions).
 *
 * @param name       the name exactly as given (it goes into every JSON line)
 * @param workload   what the scenario does
 * @param line       the cluster flavour
 * @param brokers    how many brokers (KRaft: combined nodes, all voters)
 * @param partitions {@code orders}' partitions: 3, but P in a partitions scaling scenario
 */
record Scenario(String name, Workload workload, Line line, int brokers, int partitions) {

    /** What a scenario does: the contract's workloads and the scaling one. */
    enum Workload {
        LIFECYCLE,
        CLASSES_10,
        THROUGHPUT,
        RERUN,
        SCALE
    }

    /** Cluster flavour: mode and Kafka version (the versions come from the root pom, see versions.properties). */
    enum Line {
        ZK(Contract.Line.ZK, Mode.ZOOKEEPER, "kafka39"),
        KRAFT(Contract.Line.KRAFT, Mode.KRAFT, "kafka39"),
        KRAFT4(Contract.Line.KRAFT4, Mode.KRAFT, "kafka4");

        final String label;
        final Mode mode;
        private final Contract.Line contractLine;
        private final String versionKey;

        Line(Contract.Line contractLine, Mode mode, String versionKey) {
            this.contractLine = contractLine;
            this.label = contractLine.label;
            this.mode = mode;
            this.versionKey = versionKey;
        }

        String kafkaVersion() {
            return Versions.PROPERTIES.getProperty(versionKey);
        }

        static Line of(Contract.Line contractLine) {
            for (Line line : values()) {
                if (line.contractLine == contractLine) {
                    return line;
                }
            }
            throw new IllegalArgumentException("No line for " + contractLine);
        }

        static Line fromLabel(String label) {
            for (Line line : values()) {
                if (line.label.equals(label)) {
                    return line;
                }
            }
            return null;
        }
    }

    /** @throws IllegalArgumentException for a name that is neither in the contract nor a scaling scenario */
    static Scenario parse(String name) {
        Optional<Contract.Scenario> contract = Contract.parse(name);
        if (contract.isPresent()) {
            Contract.Scenario c = contract.get();
            return new Scenario(name, Workload.valueOf(c.workload().name()), Line.of(c.line()), c.brokers(), 3);
        }
        Matcher scale = Pattern.compile("scale-([a-z0-9]+)-(brokers|partitions)-(\\d{1,4})").matcher(name);
        Line line;
        if (scale.matches() && (line = Line.fromLabel(scale.group(1))) != null) {
            int count = Integer.parseInt(scale.group(3));
            boolean brokers = scale.group(2).equals("brokers");
            if (brokers ? count >= 1 && count <= 9 : count >= 1) {
                return brokers ? new Scenario(name, Workload.SCALE, line, count, 3)
                        : new Scenario(name, Workload.SCALE, line, 1, count);
            }
        }
        throw new IllegalArgumentException("Unknown scenario '" + name + "'. Scenarios of the contract: "
                + String.join(" ", Contract.names())
                + "; scaling: scale-<line>-brokers-<1..9>, scale-<line>-partitions-<P>");
    }

    /**
     * The cluster of this scenario as a kafka-testenv user declares it: the line's mode and Kafka version, N brokers,
     * and the two topics of every scenario ({@code orders} 3 partitions, RF min(N, 3); {@code audit} 1, 1). A
     * partitions scaling scenario gives {@code orders} its P partitions.
     * Everything else is the engine's default (free ports, directory in java.io.tmpdir, its test broker settings).
     */
    ClusterDefinition definition() {
        // The placement to measure: -Dkafka.testenv.placement=PROCESSES (through BENCH_JAVA_OPTS); else the default.
        String placement = System.getProperty("kafka.testenv.placement", "").trim();
        return ClusterDefinition.builder()
                .placement(placement.isEmpty() ? null : Placement.parse(placement))
                .mode(line.mode)
                .kafkaVersion(line.kafkaVersion())
                .brokers(brokers)
                .topic(new Topic(Contract.ORDERS, partitions, Math.min(brokers, 3), Map.of()))
                .topic(new Topic(Contract.AUDIT, 1, 1, Map.of()))
                .build();
    }

    /** versions.properties, loaded once. */
    private static final class Versions {
        static final Properties PROPERTIES = load();

        private static Properties load() {
            Properties properties = new Properties();
            try (InputStream in = Scenario.class.getResourceAsStream("versions.properties")) {
                if (in == null) {
                    throw new IllegalStateException("versions.properties is missing from the benchmark jar");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        }
    }
}
