package io.github.kafkatestenv.benchmarks.contract;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a cluster under the contract's deadline and counts the stops that missed it ({@code stop_timeouts}): a stop
 * still running after {@link #TIMEOUT_MS} is abandoned, and its threads then count as leftovers. A stop that throws
 * fails the run.
 */
public final class Stopper {

    /** How long one stop may take (SCENARIOS.md: 30 s; system property {@code bench.stopTimeoutMs}). */
    public static final long TIMEOUT_MS = Long.getLong("bench.stopTimeoutMs", 30_000);

    private int timeouts;

    /** Closes {@code cluster} on a daemon thread, waits at most {@link #TIMEOUT_MS}, and returns the ms it took. */
    public long stop(AutoCloseable cluster) throws InterruptedException {
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
        stopper.join(TIMEOUT_MS);
        if (stopper.isAlive()) {
            timeouts++;
            System.err.println("[bench] stop still running after " + TIMEOUT_MS + " ms: abandoned");
        } else if (failure.get() != null) {
            throw new IllegalStateException("Stopping the cluster failed", failure.get());
        }
        return Contract.msSince(t0);
    }

    /** How many stops missed the deadline. */
    public int timeouts() {
        return timeouts;
    }
}
