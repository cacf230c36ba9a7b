package io.github.kafkatestenv.benchmarks.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The scenarios of the benchmark contract (benchmarks/SCENARIOS.md, version {@value #VERSION}) by name, as both
 * sides parse them: {@code <line>-<N>} (lifecycle, N = 1 or 3), {@code classes-10-<line>}, {@code throughput-<line>}
 * and {@code rerun-zk-1}, {@code rerun-kraft4-1}, where line is zk, kraft (Kafka 3.9) or kraft4 (Kafka 4.x).
 */
public final class Contract {

    /** The contract version this code implements; benchmarks/SCENARIOS.md states the same. */
    public static final int VERSION = 3;
    /** The topic every scenario declares with 3 partitions, replication factor min(N, 3). */
    public static final String ORDERS = "orders";
    /** The topic every scenario declares with 1 partition, replication factor 1. */
    public static final String AUDIT = "audit";

    private Contract() {
    }

    /** What a scenario does. */
    public enum Workload {
        /** Start, one round trip, stop. */
        LIFECYCLE,
        /** Ten test classes with equal declarations in one JVM. */
        CLASSES_10,
        /** 200,000 records produced, then consumed. */
        THROUGHPUT,
        /** The lifecycle of a 1-broker cluster, run again and again in fresh JVMs (a re-run from the IDE). */
        RERUN
    }

    /** The cluster flavour: zk and kraft on Kafka 3.9, kraft4 on Kafka 4.x. */
    public enum Line {
        ZK("zk"),
        KRAFT("kraft"),
        KRAFT4("kraft4");

        public final String label;

        Line(String label) {
            this.label = label;
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

    /**
     * One scenario of the contract.
     *
     * @param name     the name exactly as given (it goes into every JSON line)
     * @param workload what it does
     * @param line     the cluster flavour
     * @param brokers  how many brokers (KRaft: combined nodes, all voters)
     */
    public record Scenario(String name, Workload workload, Line line, int brokers) {

        /** {@code orders}' replication factor: min(N, 3). */
        public int ordersReplicationFactor() {
            return Math.min(brokers, 3);
        }
    }

    /** Every scenario name of the contract, in the order of SCENARIOS.md. */
    public static List<String> names() {
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
        names.add("rerun-zk-1");
        names.add("rerun-kraft4-1");
        return names;
    }

    /** The scenario of that name, or empty when the contract has none of that name. */
    public static Optional<Scenario> parse(String name) {
        Line line;
        if (name.startsWith("classes-10-") && (line = Line.fromLabel(name.substring("classes-10-".length()))) != null) {
            return Optional.of(new Scenario(name, Workload.CLASSES_10, line, 1));
        }
        if (name.startsWith("throughput-") && (line = Line.fromLabel(name.substring("throughput-".length()))) != null) {
            return Optional.of(new Scenario(name, Workload.THROUGHPUT, line, 1));
        }
        if (name.equals("rerun-zk-1") || name.equals("rerun-kraft4-1")) {
            line = Line.fromLabel(name.substring("rerun-".length(), name.length() - "-1".length()));
            return Optional.of(new Scenario(name, Workload.RERUN, line, 1));
        }
        int dash = name.lastIndexOf('-');
        if (dash > 0 && (line = Line.fromLabel(name.substring(0, dash))) != null) {
            String count = name.substring(dash + 1);
            if (count.equals("1") || count.equals("3")) {
                return Optional.of(new Scenario(name, Workload.LIFECYCLE, line, Integer.parseInt(count)));
            }
        }
        return Optional.empty();
    }

    /** Whole milliseconds from {@code startNanos} ({@link System#nanoTime()}) to now: the contract's clock. */
    public static long msSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** {@code later_class_median_ms}: the median of classes 2 to 10 (the 5th of the 9, sorted). */
    public static long laterClassMedian(List<Long> classMs) {
        List<Long> later = new ArrayList<>(classMs.subList(1, classMs.size()));
        later.sort(null);
        return later.get(later.size() / 2);
    }
}
