package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A cluster started by the engine, kept in a JUnit store, which closes it when its scope ends. */
// AutoCloseable is what JUnit 5.13+ and 6 close; CloseableResource what older JUnit 5 closes. Either closes it once.
@SuppressWarnings("deprecation")
final class EmbeddedEnvironment implements KafkaEnvironment, AutoCloseable,
        ExtensionContext.Store.CloseableResource {

    private final KafkaCluster cluster;
    private final Dependents dependents = new Dependents();

    EmbeddedEnvironment(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public Map<String, String> clientProperties(Optional<String> user) {
        return user.map(cluster::clientProperties).orElseGet(cluster::clientProperties);
    }

    @Override
    public String topicName(String declaredName) {
        return declaredName;
    }

    @Override
    public Optional<KafkaCluster> cluster() {
        return Optional.of(cluster);
    }

    @Override
    public Dependents dependents() {
        return dependents;
    }

    /** Closes what uses the cluster, then the cluster, even if one of them failed to close. */
    @Override
    public void close() {
        dependents.closeAllBefore(cluster::close);
    }
}
