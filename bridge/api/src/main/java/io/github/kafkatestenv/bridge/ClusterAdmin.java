package io.github.kafkatestenv.bridge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administrative operations the engine needs, implemented with the Kafka runtime's own admin client.
 * Failures surface as {@link BridgeException}s that carry Kafka's message but no Kafka types.
 */
public interface ClusterAdmin extends AutoCloseable {

    /** The ids of the brokers in the cluster's metadata, and the active controller id (-1 if none). */
    ClusterSnapshot describeCluster(long timeoutMs);

    /** Creates a topic and waits for the acknowledgement. */
    void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs, long timeoutMs);

    /** Deletes a topic and waits for the acknowledgement. */
    void deleteTopic(String name, long timeoutMs);

    /** The names of the topics in the cluster, internal ones included. */
    Set<String> listTopics(long timeoutMs);

    /**
     * Why a topic is not ready yet, or {@code null} once it has at least {@code partitions} partitions, each with a
     * leader and a full in-sync replica set.
     */
    String topicNotReadyReason(String name, int partitions, long timeoutMs);

    /**
     * Creates or replaces SCRAM-SHA-256 and SCRAM-SHA-512 credentials for each user, name to password, and waits
     * for the acknowledgement.
     */
    void upsertScramUsers(Map<String, String> passwords, long timeoutMs);

    /** Creates ALLOW bindings, from any host, and waits for the acknowledgement. */
    void createAcls(List<AclEntry> entries, long timeoutMs);

    /** Asks for a group coordinator, which makes the broker create the offsets topic if it does not exist. */
    void requestGroupCoordinator(long timeoutMs);

    @Override
    void close();

    /**
     * One ACL binding in Kafka's terms: a principal such as {@code User:alice}, a resource type such as
     * {@code TOPIC}, a resource name, whether that name is a prefix, and an operation such as {@code READ}.
     */
    record AclEntry(String principal, String resourceType, String resourceName, boolean prefixed, String operation) {
    }

    /** What {@link #describeCluster} saw. */
    record ClusterSnapshot(List<Integer> brokerIds, int controllerId, String clusterId) {
    }
}
