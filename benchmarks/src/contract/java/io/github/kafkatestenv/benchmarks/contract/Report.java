package io.github.kafkatestenv.benchmarks.contract;

import java.io.PrintStream;

/**
 * The benchmark's only stdout output: one JSON object per metric and line,
 * {@code {"impl":"kafka-testenv","scenario":"...","metric":"...","value":N}} (the line contract of
 * benchmarks/README.md). {@code impl} is {@code kafka-testenv} for the project and {@code spring-kafka-test} for
 * the anchor; {@code scenario} is the name exactly as given.
 */
public final class Report {

    private final String impl;
    private final String scenario;
    private final PrintStream out;

    public Report(String impl, String scenario, PrintStream out) {
        this.impl = impl;
        this.scenario = scenario;
        this.out = out;
    }

    public void metric(String metric, long value) {
        out.println("{\"impl\":\"" + impl + "\",\"scenario\":\"" + scenario + "\",\"metric\":\"" + metric
                + "\",\"value\":" + value + "}");
        out.flush();
    }
}
