package io.github.kafkatestenv.engine.internal;

import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Where a start's time went, phase by phase, for {@code -Dkafka.testenv.timings=true}: one line on standard error
 * per start, which the benchmark and a curious user read. Costs two clock reads per phase otherwise.
 */
final class StartPhases {

    /** The system property that turns the line on. */
    static final String PROPERTY = "kafka.testenv.timings";

    private final long started = System.nanoTime();
    private final StringJoiner phases = new StringJoiner(", ");
    private long last = started;

    /** Ends the phase called {@code name} now. */
    void end(String name) {
        long now = System.nanoTime();
        phases.add(name + " " + TimeUnit.NANOSECONDS.toMillis(now - last));
        last = now;
    }

    /** Prints the phases of a finished start, if asked to. */
    void report(String cluster) {
        report(cluster, "started");
    }

    /** Prints the phases of a finished operation ({@code started}, {@code reset}), if asked to. */
    void report(String cluster, String done) {
        if (Boolean.getBoolean(PROPERTY)) {
            System.err.println("[kafka-testenv] " + cluster + " " + done + " in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms (ms per phase: " + phases + ")");
        }
    }
}
