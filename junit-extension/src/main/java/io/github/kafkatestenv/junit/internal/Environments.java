package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.internal.ReusableClusters;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which cluster a test class runs on, in this order: a cluster the build serves
 * ({@value EmbeddedKafka#CLUSTERS_PROPERTY}) that matches the declaration, unless the class wants a fresh one or the
 * user named another cluster; an existing cluster the user named ({@value EmbeddedKafka#BOOTSTRAP_SERVERS_PROPERTY},
 * which may be the build's own: then the classes that do not match run against it as an existing one); else a
 * cluster of the extension's own: for a fresh declaration the class's, for a shared one the run's (started early if
 * {@link EarlyStarts} began it), both kept clusters with {@value EmbeddedKafka#REUSE_PROPERTY}.
 *
 * <p>Everything lives in JUnit stores, which close it with its scope: the run's clusters, the existing cluster and
 * the served ones in the {@link #runStore run's store}, a fresh cluster in its class's store.
 */
final class Environments {

    private Environments() {
    }

    /** The store key of a class's own cluster. */
    private record FreshClusterKey(Class<?> declaringClass) {
    }

    /** The class's environment, its cluster ready. */
    static KafkaEnvironment of(ExtensionContext context, Declaration declaration) {
        KafkaEnvironment environment = pending(context, declaration);
        environment.await();
        return environment;
    }

    /**
     * The class's environment, whose shared cluster may still be starting when {@link EarlyStarts} began it: for a
     * Spring context, which can be built while the cluster starts, up to where it needs the cluster's address.
     */
    static KafkaEnvironment pending(ExtensionContext context, Declaration declaration) {
        ExtensionContext.Store run = runStore(context);
        RunSettings.flag(context, EmbeddedKafka.START_EARLY_PROPERTY, true); // EarlyStartListener cannot fail a class
        Optional<String> external = externalBootstrapServers(context::getConfigurationParameter);
        Optional<ServedClusters> served = ServedClusters.of(context);
        if (served.isPresent() && external.isPresent() && !served.get().serves(external.get())) {
            served.get().explainExisting(external.get()); // the cluster the user named wins
            served = Optional.empty();
        }
        if (served.isPresent() && !declaration.freshCluster()) {
            Optional<KafkaEnvironment> attached = served.get().environmentFor(declaration, external.isPresent());
            if (attached.isPresent()) {
                return attached.get();
            }
        }
        if (external.isPresent()) {
            ExternalEnvironment environment = run.getOrComputeIfAbsent(ExternalEnvironment.class,
                    key -> new ExternalEnvironment(external.get(), System.getProperties()),
                    ExternalEnvironment.class);
            environment.createTopics(declaration);
            return environment;
        }
        boolean reuse = RunSettings.flag(context, EmbeddedKafka.REUSE_PROPERTY, false);
        if (declaration.freshCluster()) {
            return owner(context, declaration.declaringClass()).getStore(EmbeddedKafkaExtension.NAMESPACE)
                    .getOrComputeIfAbsent(new FreshClusterKey(declaration.declaringClass()),
                            key -> new EmbeddedEnvironment(start(declaration.definition(), reuse)),
                            EmbeddedEnvironment.class);
        }
        return run.getOrComputeIfAbsent(declaration.definition(), definition -> EarlyStarts.live(definition,
                EarlyStarts.take(definition).orElseGet(() -> CompletableFuture.completedFuture(start(definition, reuse)))),
                EmbeddedEnvironment.class);
    }

    /**
     * Where the run's clusters live: the launcher session's store on JUnit 5.13 and newer, so that they serve every
     * execution of a test JVM (surefire and failsafe run each class on its own when {@code forkCount} is above 1);
     * on older JUnit the root store, one execution's.
     */
    static ExtensionContext.Store runStore(ExtensionContext context) {
        try {
            return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, EmbeddedKafkaExtension.NAMESPACE);
        } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException olderJUnit) {
            return context.getRoot().getStore(EmbeddedKafkaExtension.NAMESPACE);
        }
    }

    /**
     * A cluster of the extension's own: started, or with reuse on a kept cluster acquired, reset by the engine to
     * what a fresh start shows, and leased to this JVM (closing the handle releases it).
     */
    static KafkaCluster start(ClusterDefinition definition, boolean reuse) {
        return reuse ? ReusableClusters.acquire(definition) : definition.start();
    }

    /** The context of the class that declared a fresh cluster: the cluster closes with it. */
    private static ExtensionContext owner(ExtensionContext context, Class<?> declaringClass) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
             current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            if (candidate.getTestMethod().isEmpty() && candidate.getTestClass().orElse(null) == declaringClass) {
                return candidate;
            }
        }
        return context;
    }

    /**
     * The existing cluster the class runs against: {@value EmbeddedKafka#BOOTSTRAP_SERVERS_PROPERTY}, unless it names
     * a cluster the build serves that has the class's settings, which the class then attaches to instead. A class
     * that does not match (or is fresh) runs against the named cluster as an existing one, as without served clusters.
     */
    static Optional<String> existingCluster(ExtensionContext context, Declaration declaration) {
        Optional<String> external = externalBootstrapServers(context::getConfigurationParameter);
        if (external.isEmpty() || declaration.freshCluster()) {
            return external;
        }
        boolean attaches = ServedClusters.of(context).filter(served -> served.serves(external.get()))
                .flatMap(served -> served.matching(declaration)).isPresent();
        return attaches ? Optional.empty() : external;
    }

    /**
     * {@value EmbeddedKafka#BOOTSTRAP_SERVERS_PROPERTY} as a configuration parameter or system property, else the
     * environment variable {@value EmbeddedKafka#BOOTSTRAP_SERVERS_ENV}.
     */
    static Optional<String> externalBootstrapServers(Function<String, Optional<String>> parameters) {
        Optional<String> servers = RunSettings.get(parameters, EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY);
        if (servers.isEmpty()) {
            servers = Optional.ofNullable(System.getenv(EmbeddedKafka.BOOTSTRAP_SERVERS_ENV))
                    .map(String::trim).filter(value -> !value.isEmpty());
        }
        return servers;
    }
}
