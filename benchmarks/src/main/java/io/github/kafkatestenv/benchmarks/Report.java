package io.github.kafkatestenv.benchmarks;

import java.io.PrintStream;

/**
 * The benchmark's only stdout output: one JSON object per metric and line,
 * {@code {"impl":"kafka-testenv","scenario":"...","metric":"...","value":N}} (shared/bench/README.md).
 */
final class Report {

    static final String IMPL = "kafka-testenv";

    private final String scenario;
    private final PrintStream out;

    Report(String scenario, PrintStream out) {
        this.scenario = scenario;
        this.out = out;
    }

    void metric(String metric, long value) {
        out.println("{\"impl\":\"" + IMPL + "\",\"scenario\":\"" + scenario + "\",\"metric\":\"" + metric
                + "\",\"value\":" + value + "}");
        out.flush();
    }
}
