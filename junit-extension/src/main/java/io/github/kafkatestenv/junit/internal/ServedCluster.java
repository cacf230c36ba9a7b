package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One cluster the build serves ({@value EmbeddedKafka#CLUSTERS_PROPERTY}), attached once per test JVM: the classes
 * whose declaration it matches run on it through one {@link EmbeddedEnvironment}, and it gets their topics.
 *
 * <p>Topics are created through the handle, so they are ready as after a start, and stay: other test JVMs of the
 * build may use them at the same time, and the cluster's owner removes everything when it stops the cluster.
 */
final class ServedCluster {

    private final KafkaCluster handle;
    private final EmbeddedEnvironment environment;
    /** Topics known to exist, by name, and who declared them: the build, or a class of this JVM. */
    private final Map<String, Topic> known = new HashMap<>();
    private final Map<String, String> knownFrom = new HashMap<>();

    ServedCluster(KafkaCluster handle) {
        this.handle = handle;
        this.environment = new EmbeddedEnvironment(handle);
        for (Topic topic : handle.definition().topics()) {
            known.put(topic.name(), topic);
            knownFrom.put(topic.name(), "the build's declaration of the cluster");
        }
    }

    KafkaCluster handle() {
        return handle;
    }

    EmbeddedEnvironment environment() {
        return environment;
    }

    /**
     * Creates the declaration's topics that are not there yet.
     *
     * @throws ExtensionConfigurationException if one exists with other partitions or another replication factor
     */
    synchronized void createTopics(Declaration declaration) {
        for (Topic topic : declaration.topics()) {
            Topic existing = known.get(topic.name());
            if (existing == null) {
                existing = create(topic, declaration);
                if (existing == topic) {
                    known.put(topic.name(), topic);
                    knownFrom.put(topic.name(), declaration.declaringClass().getName());
                    continue;
                }
                knownFrom.put(topic.name(), "another test JVM of the build");
            }
            if (existing.partitions() != topic.partitions()
                    || existing.replicationFactor() != topic.replicationFactor()) {
                throw new ExtensionConfigurationException("@EmbeddedKafka on " + declaration.declaringClass().getName()
                        + " declares topic '" + topic.name() + "' with " + shape(topic) + ", but on the cluster the"
                        + " build serves (" + EmbeddedKafka.CLUSTERS_PROPERTY + ", bootstrap servers "
                        + handle.bootstrapServers() + ") it exists with " + shape(existing) + ", as "
                        + knownFrom.get(topic.name()) + " declared it: declare it the same way in both, or use"
                        + " another name");
            }
            known.putIfAbsent(topic.name(), existing);
        }
    }

    /** Creates {@code topic} and returns it, or, if another JVM created it first, returns what exists. */
    private Topic create(Topic topic, Declaration declaration) {
        try {
            handle.createTopic(topic);
            return topic;
        } catch (KafkaTestEnvException e) {
            if (e.getMessage() == null || !e.getMessage().contains("TopicExistsException")) {
                throw e;
            }
            KafkaClients.require("cannot check topic '" + topic.name() + "', which another test JVM created on the"
                    + " cluster the build serves (" + EmbeddedKafka.CLUSTERS_PROPERTY + "), for "
                    + declaration.declaringClass().getName());
            return ExternalTopics.describe(handle.clientProperties(), topic.name());
        }
    }

    private static String shape(Topic topic) {
        return topic.partitions() + " partition" + (topic.partitions() == 1 ? "" : "s") + " and replication factor "
                + topic.replicationFactor();
    }
}
