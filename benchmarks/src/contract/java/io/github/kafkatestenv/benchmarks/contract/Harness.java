package io.github.kafkatestenv.benchmarks.contract;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * The frame of one benchmark JVM, the same on both sides: {@code jvm_start_ms}, stdout kept for the JSON lines
 * (whatever a library prints there goes to stderr), the leftover snapshot at the start of {@code main}, the scenario,
 * {@code stop_timeouts}, the leftovers, and the exit status: 0 success, 1 failure, 2 unknown scenario.
 */
public final class Harness {

    /** The clients (and the anchor's brokers) log through slf4j-simple: WARN and above to stderr, unless set. */
    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Harness() {
    }

    /** A scenario ready to run. */
    public interface Body {
        void run(Report report, Stopper stopper) throws Exception;
    }

    /** Turns a scenario name into its body; an {@link IllegalArgumentException} says the name is unknown here. */
    public interface Parser {
        Body parse(String scenario);
    }

    /** Runs the scenario named by the only argument and exits the JVM. */
    public static void main(String impl, String[] args, Parser parser) {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        PrintStream json = System.out;
        System.setOut(System.err);
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
        }
        Leftovers before = Leftovers.snapshot();
        if (args.length != 1) {
            System.err.println("usage: SCENARIO, one of: " + String.join(" ", Contract.names()));
            System.exit(2);
        }
        Body body;
        try {
            body = parser.parse(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Report report = new Report(impl, args[0], json);
        report.metric("jvm_start_ms", jvmStartMs);
        Stopper stopper = new Stopper();
        try {
            body.run(report, stopper);
            report.metric("stop_timeouts", stopper.timeouts());
            before.report(report);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        // Exit as a test runner does: a leftover non-daemon thread must not hang the benchmark.
        System.exit(0);
    }
}
