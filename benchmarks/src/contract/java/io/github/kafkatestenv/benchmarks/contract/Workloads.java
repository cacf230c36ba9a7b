package io.github.kafkatestenv.benchmarks.contract;

import java.lang.management.ManagementFactory;

/**
 * The lifecycle and throughput workloads of the contract around a cluster that each side starts its own way: the
 * same timing points and the same client work on both sides.
 */
public final class Workloads {

    private Workloads() {
    }

    /** A cluster started with both topics declared: where clients connect; {@code close()} stops or releases it. */
    public interface Cluster extends AutoCloseable {
        String bootstrapServers();
    }

    /** Starts (or gets) the scenario's cluster and returns once it is ready. */
    public interface Start {
        Cluster start() throws Exception;
    }

    /** Lifecycle: {@code start_ms} and {@code jvm_uptime_at_ready_ms}, {@code roundtrip_ms}, {@code stop_ms}. */
    public static void lifecycle(Start start, Report report, Stopper stopper) throws Exception {
        long t0 = System.nanoTime();
        Cluster cluster = start.start();
        report.metric("start_ms", Contract.msSince(t0));
        report.metric("jvm_uptime_at_ready_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        System.err.println("[bench] ready: " + cluster);
        try {
            report.metric("roundtrip_ms", Clients.roundTrip(cluster.bootstrapServers(), "bench-roundtrip"));
        } finally {
            report.metric("stop_ms", stopper.stop(cluster));
        }
    }

    /**
     * Throughput: {@code start_ms}, 200,000 records produced ({@code produce_ms}, {@code produce_rps}), then consumed
     * ({@code consume_ms}, {@code consume_rps}), {@code stop_ms}.
     */
    public static void throughput(Start start, Report report, Stopper stopper) throws Exception {
        long t0 = System.nanoTime();
        Cluster cluster = start.start();
        report.metric("start_ms", Contract.msSince(t0));
        System.err.println("[bench] ready: " + cluster);
        try {
            long produceMs = Clients.produceMany(cluster.bootstrapServers(), Clients.THROUGHPUT_RECORDS);
            report.metric("produce_ms", produceMs);
            report.metric("produce_rps", Clients.THROUGHPUT_RECORDS * 1000L / Math.max(1, produceMs));
            long consumeMs = Clients.consumeMany(cluster.bootstrapServers(), Clients.THROUGHPUT_RECORDS);
            report.metric("consume_ms", consumeMs);
            report.metric("consume_rps", Clients.THROUGHPUT_RECORDS * 1000L / Math.max(1, consumeMs));
        } finally {
            report.metric("stop_ms", stopper.stop(cluster));
        }
    }
}
