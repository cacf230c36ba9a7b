package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.util.Optional;

/** The cluster a test class runs against: one the engine started, or an existing one named by the user. */
interface KafkaEnvironment {

    /** {@code host:port,...} for clients. */
    String bootstrapServers();

    /** The actual name of a topic declared (or used) under {@code declaredName}. */
    String topicName(String declaredName);

    /** The cluster handle; empty for an existing cluster, which tests cannot stop or restart. */
    Optional<KafkaCluster> cluster();
}
