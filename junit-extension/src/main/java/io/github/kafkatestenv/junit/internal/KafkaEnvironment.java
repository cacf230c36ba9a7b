package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.util.Map;
import java.util.Optional;

/** The cluster a test class runs against: one the engine started, or an existing one named by the user. */
interface KafkaEnvironment {

    /** {@code host:port,...} for clients. */
    String bootstrapServers();

    /**
     * What a client needs to connect: {@code bootstrap.servers} and, on a secured listener, the security settings,
     * logged in as {@code user} or, when empty, as the default (the first declared user).
     */
    Map<String, String> clientProperties(Optional<String> user);

    /** The actual name of a topic declared (or used) under {@code declaredName}. */
    String topicName(String declaredName);

    /** The cluster handle; empty for an existing cluster, which tests cannot stop or restart. */
    Optional<KafkaCluster> cluster();

    /** Waits until the cluster is there, if it is still starting; throws the start's own failure. */
    default void await() {
    }

    /** What uses this cluster and closes before it does (Spring application contexts built for it). */
    Dependents dependents();
}
