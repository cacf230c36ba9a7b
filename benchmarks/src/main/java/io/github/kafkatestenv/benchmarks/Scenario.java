package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A scenario of SCENARIOS.md, parsed from its name: {@code <line>-<N>} (lifecycle, N = 1 or 3),
 * {@code classes-10-<line>} and {@code throughput-<line>}, where line is zk, kraft (Kafka 3.9) or kraft4 (Kafka 4.x).
 * Beyond the contract, for BENCHMARKS.md's scaling table only (no anchor runs them):
 * {@code scale-<line>-brokers-<N>} (N brokers, N = 1..9) and {@code scale-<line>-partitions-<P>} (one broker and a
 * topic of P partitions).
 *
 * @param name     the name exactly as given (it goes into every JSON line)
 * @param workload what the scenario does
 * @param line     the cluster flavour
 * @param brokers  how many brokers (KRaft: combined nodes, all voters)
 */
record Scenario(String name, Workload workload, Line line, int brokers, int partitions) {

    static final String ORDERS = "orders";
    static final String AUDIT = "audit";

    /** What a scenario does; {@code implemented} says whether this benchmark runs it yet. */
    enum Workload {
        LIFECYCLE(true),
        CLASSES_10(true),
        THROUGHPUT(true),
        SCALE(true);

        final boolean implemented;

        Workload(boolean implemented) {
            this.implemented = implemented;
        }
    }

    /** Cluster flavour: mode and Kafka version (the versions come from the root pom, see versions.properties). */
    enum Line {
        ZK("zk", Mode.ZOOKEEPER, "kafka39"),
        KRAFT("kraft", Mode.KRAFT, "kafka39"),
        KRAFT4("kraft4", Mode.KRAFT, "kafka4");

        final String label;
        final Mode mode;
        private final String versionKey;

        Line(String label, Mode mode, String versionKey) {
            this.label = label;
            this.mode = mode;
            this.versionKey = versionKey;
        }

        String kafkaVersion() {
            return Versions.PROPERTIES.getProperty(versionKey);
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

    /** Every scenario name of the contract, whether implemented here or not. */
    static List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (Line line : Line.values()) {
            names.add(line.label + "-1");
            names.add(line.label + "-3");
        }
        for (Line line : Line.values()) {
            names.add("classes-10-" + line.label);
        }
        for (Line line : Line.values()) {
            names.add("throughput-" + line.label);
        }
        return names;
    }

    /** The names this benchmark runs. */
    static List<String> implementedNames() {
        return allNames().stream().filter(n -> parse(n).workload().implemented).toList();
    }

    /** @throws IllegalArgumentException for a name that is not in the contract */
    static Scenario parse(String name) {
        Line line;
        if (name.startsWith("classes-10-") && (line = Line.fromLabel(name.substring("classes-10-".length()))) != null) {
            return new Scenario(name, Workload.CLASSES_10, line, 1, 3);
        }
        if (name.startsWith("throughput-") && (line = Line.fromLabel(name.substring("throughput-".length()))) != null) {
            return new Scenario(name, Workload.THROUGHPUT, line, 1, 3);
        }
        java.util.regex.Matcher scale = java.util.regex.Pattern
                .compile("scale-([a-z0-9]+)-(brokers|partitions)-(\\d{1,4})").matcher(name);
        if (scale.matches() && (line = Line.fromLabel(scale.group(1))) != null) {
            int count = Integer.parseInt(scale.group(3));
            boolean brokers = scale.group(2).equals("brokers");
            if (brokers ? count >= 1 && count <= 9 : count >= 1) {
                return brokers ? new Scenario(name, Workload.SCALE, line, count, 3)
                        : new Scenario(name, Workload.SCALE, line, 1, count);
            }
        }
        int dash = name.lastIndexOf('-');
        if (dash > 0 && (line = Line.fromLabel(name.substring(0, dash))) != null) {
            String count = name.substring(dash + 1);
            if (count.equals("1") || count.equals("3")) {
                return new Scenario(name, Workload.LIFECYCLE, line, Integer.parseInt(count), 3);
            }
        }
        throw new IllegalArgumentException("Unknown scenario '" + name + "'. Scenarios of the contract: "
                + String.join(" ", allNames()) + "; scaling: scale-<line>-brokers-<1..9>, scale-<line>-partitions-<P>");
    }

    /**
     * The cluster of this scenario as a kafka-testenv user declares it: the line's mode and Kafka version, N brokers,
     * and the two topics of every scenario ({@code orders} 3 partitions, RF min(N, 3); {@code audit} 1, 1). A
     * partitions scaling scenario gives {@code orders} its P partitions.
     * Everything else is the engine's default (free ports, directory in java.io.tmpdir, its test broker settings).
     */
    ClusterDefinition definition() {
        return ClusterDefinition.builder()
                .mode(line.mode)
                .kafkaVersion(line.kafkaVersion())
                .brokers(brokers)
                .topic(new Topic(ORDERS, partitions, Math.min(brokers, 3), Map.of()))
                .topic(new Topic(AUDIT, 1, 1, Map.of()))
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
