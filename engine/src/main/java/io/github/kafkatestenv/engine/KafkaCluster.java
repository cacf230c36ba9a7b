package io.github.kafkatestenv.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A running Kafka cluster, ready for clients: every broker registered and reachable, a controller active, every
 * declared topic created with a leader and a full ISR for each partition, and the offsets topic in place.
 *
 * <pre>{@code
 * try (KafkaCluster kafka = ClusterDefinition.builder().topic(Topic.parse("orders:3:1")).build().start()) {
 *     String bootstrapServers = kafka.bootstrapServers();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Clean up.</b> {@link #close()} stops every broker, controller and ZooKeeper server, releases the isolated
 * Kafka runtime and deletes the cluster's directory (unless the definition keeps it). A JVM that exits without
 * closing closes it from a shutdown hook; a killed JVM leaves the directory behind, and the next start in the same
 * work directory removes it. Methods may be called from any thread.
 */
public interface KafkaCluster extends AutoCloseable {

    /** What this cluster was started from. */
    ClusterDefinition definition();

    /** The Kafka version the brokers run, for example {@code 3.9.2}. */
    String kafkaVersion();

    /** {@link Mode#ZOOKEEPER} or {@link Mode#KRAFT}. */
    Mode mode();

    /** The cluster id brokers report in their metadata. */
    String clusterId();

    /** Every broker's address, comma separated, for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** {@code 127.0.0.1:port} of the ZooKeeper server in ZooKeeper mode; empty in KRaft mode. */
    Optional<String> zookeeperConnect();

    /** The brokers, by id. Their ports stay the same across {@link #stopBroker}/{@link #startBroker}. */
    List<Broker> brokers();

    /** Whether the broker with this id is running (not stopped by {@link #stopBroker}). */
    boolean isRunning(int brokerId);

    /** Creates a topic and returns once every partition has a leader and a full ISR. */
    void createTopic(Topic topic);

    /** Deletes a topic and returns once the cluster no longer lists it. */
    void deleteTopic(String name);

    /**
     * Stops one broker (in KRaft mode, the whole node), as a clean shutdown, keeping its id, port and data for
     * {@link #startBroker}.
     */
    void stopBroker(int brokerId);

    /** Starts a stopped broker again with the same id, port and data, and returns once it is registered. */
    void startBroker(int brokerId);

    /** This cluster's own directory: data of every node and the log file. Deleted at close unless kept. */
    Path directory();

    /** The file every broker, controller and ZooKeeper log goes to. */
    Path logFile();

    /** Stops everything and deletes the cluster's directory (unless kept). Calling it again does nothing. */
    @Override
    void close();
}
