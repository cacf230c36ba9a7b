package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.benchmarks.contract.Report;
import io.github.kafkatestenv.benchmarks.contract.Stopper;
import io.github.kafkatestenv.benchmarks.contract.Workloads;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.internal.ReusableClusters;

/**
 * {@code rerun-zk-1} and {@code rerun-kraft4-1}: the lifecycle of a 1-broker cluster in a JVM that is one of a series
 * of re-runs, with kafka-testenv's reuse-across-runs switch on ({@value #SWITCH}{@code =true}, unless the JVM is
 * given another value). The first run of a series starts the cluster and leaves it for the next; a later run attaches
 * to it, reset to exactly the declared topics. {@code start_ms} is the time to that state, {@code stop_ms} the time to
 * release it, and {@code reused} is 1 when the run attached to a cluster an earlier process left, else 0.
 *
 * <p>With the switch off ({@code -Dkafka.testenv.reuse=false}) every run is a cold start, the same work as
 * {@code zk-1} / {@code kraft4-1}, and reports {@code reused} 0.
 */
final class Rerun {

    /** The reuse-across-runs switch (issue 13, point 2), as a system property of the test JVM. */
    static final String SWITCH = "kafka.testenv.reuse";

    private Rerun() {
    }

    /** A cluster for this run, and whether it was left running by an earlier process. */
    record Acquired(KafkaCluster cluster, boolean reused) {
    }

    static void run(Scenario scenario, Report report, Stopper stopper) throws Exception {
        System.setProperty(SWITCH, System.getProperty(SWITCH, "true"));
        System.err.println("[bench] reuse switch: -D" + SWITCH + "=" + System.getProperty(SWITCH));
        ClusterDefinition definition = scenario.definition();
        Acquired[] acquired = new Acquired[1];
        Workloads.lifecycle(() -> {
            acquired[0] = acquire(definition);
            return Main.cluster(acquired[0].cluster());
        }, report, stopper);
        report.metric("reused", acquired[0].reused() ? 1 : 0);
    }

    /**
     * The one seam between this scenario and the engine's reuse across runs. {@code close()} on the returned
     * cluster is the release that {@code stop_ms} times: with reuse on, it must leave the cluster running for the
     * next run (outside {@code java.io.tmpdir}, which the runner deletes after every run) and stop nothing of this
     * process's own (threads, ports, temp entries), which the leftovers count.
     */
    static Acquired acquire(ClusterDefinition definition) {
        if (!Boolean.getBoolean(SWITCH)) {
            return new Acquired(definition.start(), false);
        }
        KafkaCluster cluster = ReusableClusters.acquire(definition);
        return new Acquired(cluster, ReusableClusters.reused(cluster));
    }
}
