package io.github.kafkatestenv.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.benchmarks.contract.Contract;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs the ten test classes of a line through the JUnit Platform launcher and times each class and the whole run. */
final class ClassesRun implements TestExecutionListener {

    private static final int CLASSES = 10;

    /** Per class, in run order, and from the launch to its end (the shared cluster closes before it ends). */
    record Result(List<Long> classMs, long totalMs) {
    }

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Long> classMs = new ArrayList<>();

    static Result run(Scenario.Line line) throws Exception {
        String prefix = switch (line) {
            case ZK -> "Zk";
            case KRAFT -> "Kraft";
            case KRAFT4 -> "Kraft4";
        };
        String packageName = ClassesRun.class.getPackageName();
        EmbeddedKafka declared = Class.forName(packageName + "." + prefix + "Kafka").getAnnotation(EmbeddedKafka.class);
        if (!declared.kafkaVersion().equals(line.kafkaVersion())) {
            throw new IllegalStateException(prefix + "Kafka declares Kafka " + declared.kafkaVersion() + " but the "
                    + line.label + " line runs " + line.kafkaVersion() + ": update the annotation");
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 1; i <= CLASSES; i++) {
            selectors.add(selectClass(String.format(Locale.ROOT, "%s.%sClass%02d", packageName, prefix, i)));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$ClassName")
                .build();
        ClassesRun timing = new ClassesRun();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long t0 = System.nanoTime();
        LauncherFactory.create().execute(request, timing, summary);
        long totalMs = Contract.msSince(t0);
        if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount()
                != CLASSES) {
            summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 30);
            throw new IllegalStateException(summary.getSummary().getTestsSucceededCount() + " of " + CLASSES
                    + " test classes passed");
        }
        return new Result(List.copyOf(timing.classMs), totalMs);
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (identifier.getSource().orElse(null) instanceof ClassSource) {
            started.put(identifier.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Long start = started.remove(identifier.getUniqueId());
        if (start != null) {
            synchronized (classMs) {
                classMs.add(Contract.msSince(start));
            }
            System.err.println("[bench] " + identifier.getDisplayName() + ": " + result.getStatus());
        }
    }
}
