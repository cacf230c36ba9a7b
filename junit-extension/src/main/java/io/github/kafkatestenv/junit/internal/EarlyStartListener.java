package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Disabled;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the shared clusters a test plan declares as soon as the plan is known, in the background
 * ({@link EarlyStarts}), and closes those no class took when the plan ends. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so every JUnit Platform launcher
 * (surefire, failsafe, IDEs, the console launcher) uses it; without the launcher on the class path nothing reads it.
 *
 * <p>Only clusters the extension would start itself: not fresh ones, none when the run attaches to the build's
 * clusters ({@value EmbeddedKafka#CLUSTERS_PROPERTY}) or uses an existing one
 * ({@value EmbeddedKafka#BOOTSTRAP_SERVERS_PROPERTY}); with {@value EmbeddedKafka#REUSE_PROPERTY} it acquires
 * kept clusters instead. {@value EmbeddedKafka#START_EARLY_PROPERTY}{@code =false} turns it off. A class whose
 * declaration is invalid is left to fail as it would anyway.
 */
public final class EarlyStartListener implements TestExecutionListener {

    private final Map<TestPlan, EarlyStarts.Plan> plans = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        Function<String, Optional<String>> parameters = testPlan.getConfigurationParameters()::get;
        List<ClusterDefinition> definitions;
        boolean reuse;
        try {
            if (!RunSettings.flag(parameters, EmbeddedKafka.START_EARLY_PROPERTY, true)
                    || RunSettings.get(parameters, EmbeddedKafka.CLUSTERS_PROPERTY).isPresent()
                    || Environments.externalBootstrapServers(parameters).isPresent()) {
                return;
            }
            reuse = RunSettings.flag(parameters, EmbeddedKafka.REUSE_PROPERTY, false);
            definitions = sharedDefinitions(testPlan, Compatibility.of(parameters));
        } catch (RuntimeException e) {
            return; // an invalid switch: the extension fails the classes with the message
        }
        if (!definitions.isEmpty()) {
            plans.put(testPlan, EarlyStarts.begin(definitions, reuse));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        EarlyStarts.Plan plan = plans.remove(testPlan);
        if (plan != null) {
            EarlyStarts.end(plan);
        }
    }

    /**
     * The definitions of the shared clusters the plan's classes declare, in the order of the classes, under any engine
     * (Jupiter's, or the suite engine's, which runs Jupiter classes below its own).
     */
    private static List<ClusterDefinition> sharedDefinitions(TestPlan testPlan, Compatibility compatibility) {
        Set<ClusterDefinition> definitions = new LinkedHashSet<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            collect(testPlan, root, compatibility, definitions);
        }
        return new ArrayList<>(definitions);
    }

    private static void collect(TestPlan testPlan, TestIdentifier identifier, Compatibility compatibility,
                                Set<ClusterDefinition> definitions) {
        Optional<TestSource> source = identifier.getSource();
        if (source.isPresent() && source.get() instanceof ClassSource classSource) {
            sharedDefinition(classSource, compatibility).ifPresent(definitions::add);
        }
        for (TestIdentifier child : testPlan.getChildren(identifier)) {
            if (child.isContainer()) {
                collect(testPlan, child, compatibility, definitions);
            }
        }
    }

    private static Optional<ClusterDefinition> sharedDefinition(ClassSource source, Compatibility compatibility) {
        try {
            Class<?> testClass = source.getJavaClass();
            if (AnnotationSupport.isAnnotated(testClass, Disabled.class)) {
                return Optional.empty();
            }
            return Declaration.find(testClass, compatibility).filter(declaration -> !declaration.freshCluster())
                    .map(Declaration::definition);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // the class fails in its own run, with its own message
        }
    }
}
