package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.internal.ClusterServer;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The clusters the build serves to its test JVMs ({@value EmbeddedKafka#CLUSTERS_PROPERTY}: the addresses
 * {@code kafka:start} hands out), attached once per test run, in the run's store.
 *
 * <p><b>Matching.</b> A class that does not ask for a fresh cluster runs on the first served cluster whose
 * definition equals its declaration in all but topics and where the cluster runs ({@link ClusterShape}); its topics
 * are created there. When none matches, the class starts its own cluster, as without served clusters, and the run
 * says once per declaration on standard error which served cluster differs in which settings.
 *
 * <p><b>Clean up.</b> Closing lets go of the handles (after closing what uses them, such as Spring contexts); the
 * clusters keep running for the build, which stops them.
 */
// AutoCloseable is what JUnit 5.13+ and 6 close; CloseableResource what older JUnit 5 closes. Either closes it once.
@SuppressWarnings("deprecation")
final class ServedClusters implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final List<ServedCluster> clusters = new ArrayList<>();
    private final Set<ClusterDefinition> explained = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean explainedExisting = new AtomicBoolean();

    /**
     * Attaches to every address of {@code addresses}, comma separated, waiting for a cluster that is still starting.
     *
     * @throws ExtensionConfigurationException naming the address, if one cannot be attached to
     */
    ServedClusters(String addresses) {
        Path here = workingDirectory();
        for (String entry : addresses.split(",")) {
            if (entry.isBlank() || !servesHere(entry.trim(), here)) {
                continue;
            }
            String address = entry.trim();
            try {
                clusters.add(new ServedCluster(KafkaCluster.attach(address)));
            } catch (RuntimeException e) {
                close();
                throw new ExtensionConfigurationException("Cannot use the cluster the build serves at "
                        + address.trim() + " (" + EmbeddedKafka.CLUSTERS_PROPERTY + "): " + e.getMessage()
                        + ". The build that set " + EmbeddedKafka.CLUSTERS_PROPERTY + " must still run it; outside"
                        + " that build, leave the property out", e);
            }
        }
    }

    /**
     * Whether {@code entry} serves this test JVM: unless it names a project ({@value ClusterServer#PROJECT_FRAGMENT}),
     * every JVM; else those that run in that project's directory. Another module's cluster, in a build of modules in
     * parallel ({@code -T}), is not attached to: it may stop while this module's tests run.
     */
    static boolean servesHere(String entry, Path here) {
        int fragment = entry.indexOf(ClusterServer.PROJECT_FRAGMENT);
        if (fragment < 0) {
            return true;
        }
        String project = URLDecoder.decode(entry.substring(fragment + ClusterServer.PROJECT_FRAGMENT.length()),
                StandardCharsets.UTF_8);
        return here.startsWith(Paths.get(project).toAbsolutePath().normalize());
    }

    private static Path workingDirectory() {
        return Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    /** The served clusters of the run, attached on first use; empty when {@value EmbeddedKafka#CLUSTERS_PROPERTY} is unset. */
    static Optional<ServedClusters> of(ExtensionContext context) {
        Optional<String> addresses = RunSettings.get(context, EmbeddedKafka.CLUSTERS_PROPERTY);
        return addresses.map(value -> Environments.runStore(context).getOrComputeIfAbsent(ServedClusters.class, key -> new ServedClusters(value), ServedClusters.class));
    }

    /**
     * The served cluster whose definition matches {@code declaration}, topics aside: one this test JVM's own project
     * started (its directory lies under the JVM's working directory, the module's) before a build-wide one.
     */
    Optional<ServedCluster> matching(Declaration declaration) {
        Path here = workingDirectory();
        return clusters.stream()
                .filter(cluster -> ClusterShape.differences(cluster.handle().definition(),
                        declaration.definition()).isEmpty())
                .min(Comparator.comparing(cluster -> ownedHere(cluster, here) ? 0 : 1));
    }

    private static boolean ownedHere(ServedCluster cluster, Path here) {
        try {
            return cluster.handle().directory().toAbsolutePath().normalize().startsWith(here);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The environment of the first served cluster that matches {@code declaration}, with the declared topics created
     * there; empty if none matches, which is said once per declaration on standard error.
     *
     * @param existing whether the class then runs against the cluster the user named as an existing one (else it
     *                 starts its own)
     */
    Optional<KafkaEnvironment> environmentFor(Declaration declaration, boolean existing) {
        Optional<ServedCluster> match = matching(declaration);
        if (match.isPresent()) {
            match.get().createTopics(declaration);
            return Optional.of(match.get().environment());
        }
        if (explained.add(declaration.definition())) {
            List<String> reasons = new ArrayList<>();
            for (ServedCluster cluster : clusters) {
                reasons.add("the one at " + cluster.handle().bootstrapServers() + " differs in " + String.join(", ",
                        ClusterShape.differences(cluster.handle().definition(), declaration.definition())));
            }
            System.err.println("kafka-testenv: @EmbeddedKafka on " + declaration.declaringClass().getName() + " "
                    + (existing ? "runs against the cluster " + EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY + " names as"
                    + " an existing cluster (prefixed topics, no KafkaCluster)" : "starts a cluster of its own")
                    + ": no cluster the build serves (" + EmbeddedKafka.CLUSTERS_PROPERTY + ") matches its"
                    + " declaration" + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons))
                    + ". Declare the same settings (topics may differ) to run on the build's cluster");
        }
        return Optional.empty();
    }

    /** Says once on standard error that the existing cluster the user named is none of the served ones. */
    void explainExisting(String bootstrapServers) {
        if (explainedExisting.compareAndSet(false, true)) {
            System.err.println("kafka-testenv: " + EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY + " names " + bootstrapServers
                    + ", none of the clusters the build serves (" + EmbeddedKafka.CLUSTERS_PROPERTY + ", bootstrap servers "
                    + clusters.stream().map(cluster -> cluster.handle().bootstrapServers()).collect(Collectors.toList())
                    + "): the tests run against it as an existing cluster");
        }
    }

    /** Whether {@code bootstrapServers} names one of the served clusters (in any order, localhost or 127.0.0.1). */
    boolean serves(String bootstrapServers) {
        Set<String> wanted = servers(bootstrapServers);
        return clusters.stream().anyMatch(cluster -> servers(cluster.handle().bootstrapServers()).equals(wanted));
    }

    private static Set<String> servers(String bootstrapServers) {
        return Arrays.stream(bootstrapServers.split(",")).map(server -> server.trim().toLowerCase(Locale.ROOT))
                .filter(server -> !server.isEmpty())
                .map(server -> server.startsWith("localhost:") ? "127.0.0.1" + server.substring(9) : server)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Closes what uses each cluster, then lets go of it; the clusters keep running. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (ServedCluster cluster : clusters) {
            try {
                cluster.environment().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        clusters.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
