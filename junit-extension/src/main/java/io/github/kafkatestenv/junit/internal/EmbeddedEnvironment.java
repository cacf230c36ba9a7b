package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A cluster started by the engine (or attached to, or acquired), kept in a JUnit store, which closes it when its
 * scope ends. Its start may still be running ({@link EarlyStarts}): every method that needs the cluster waits for it,
 * and throws the start's own failure.
 */
// AutoCloseable is what JUnit 5.13+ and 6 close; CloseableResource what older JUnit 5 closes. Either closes it once.
@SuppressWarnings("deprecation")
final class EmbeddedEnvironment implements KafkaEnvironment, AutoCloseable,
        ExtensionContext.Store.CloseableResource {

    private final CompletableFuture<KafkaCluster> start;
    private final SecurityProtocol securityProtocol;
    private final Runnable afterClose;
    private final Dependents dependents = new Dependents();

    EmbeddedEnvironment(KafkaCluster cluster) {
        this(CompletableFuture.completedFuture(cluster), cluster.definition().securityProtocol(), () -> { });
    }

    /**
     * @param securityProtocol the definition's, known before the start ends
     * @param afterClose       what to do once the cluster is closed
     */
    EmbeddedEnvironment(CompletableFuture<KafkaCluster> start, SecurityProtocol securityProtocol,
                        Runnable afterClose) {
        this.start = start;
        this.securityProtocol = securityProtocol;
        this.afterClose = afterClose;
    }

    /** The cluster, once started. */
    private KafkaCluster started() {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw EarlyStarts.unwrap(e);
        }
    }

    /** Waits for the start to end; throws its failure. */
    @Override
    public void await() {
        started();
    }

    /** Whether the start is still running: what only the cluster knows cannot be had without waiting. */
    boolean starting() {
        return !start.isDone();
    }

    /** The listener's security protocol, known while the cluster starts. */
    SecurityProtocol securityProtocol() {
        return securityProtocol;
    }

    @Override
    public String bootstrapServers() {
        return started().bootstrapServers();
    }

    @Override
    public Map<String, String> clientProperties(Optional<String> user) {
        KafkaCluster cluster = started();
        return user.map(cluster::clientProperties).orElseGet(cluster::clientProperties);
    }

    @Override
    public String topicName(String declaredName) {
        return declaredName;
    }

    @Override
    public Optional<KafkaCluster> cluster() {
        return Optional.of(started());
    }

    @Override
    public Dependents dependents() {
        return dependents;
    }

    /** Closes what uses the cluster, then the cluster (once started), even if one of them failed to close. */
    @Override
    public void close() {
        dependents.closeAllBefore(() -> {
            try {
                start.join().close();
            } catch (CompletionException e) {
                // a failed start left nothing to close
            } finally {
                afterClose.run();
            }
        });
    }
}
