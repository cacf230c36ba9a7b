package io.github.kafkatestenv.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 *
 * <p><b>Misuse.</b> A call the cluster's state does not allow (stopping a stopped broker, starting a running one,
 * ZooKeeper calls in KRaft mode, any change after {@link #close()}) throws {@link IllegalStateException}; an argument
 * that names nothing in the cluster (a broker id out of range, an undeclared user) {@link IllegalArgumentException}.
 * What Kafka itself refuses or does not finish in time throws {@link KafkaTestEnvException}.
 */
public interface KafkaCluster extends AutoCloseable {

    /**
     * The cluster another JVM serves at {@code address} (as the Maven plugin's {@code start} serves its cluster to
     * the build's test JVMs), with every operation of this interface. The address names a loopback port and a
     * secret; nothing without the secret can use it.
     *
     * <p>The owner may serve a cluster whose start is still running (as {@code start} does with
     * {@code waitUntilReady} false): then {@code attach} returns once the cluster is ready, or throws the start's own
     * exception if it failed.
     *
     * <p><b>Clean up.</b> {@link #close()} on the returned handle only lets go of it: the cluster keeps running
     * for its owner, who stops it. Each call waits at most a bounded time (a broker start as long as it takes the
     * owner, a lookup a few seconds) and fails with a {@link KafkaTestEnvException} if the owner has gone.
     *
     * @param address what the owner handed out, {@code http://127.0.0.1:<port>/<secret>}
     * @throws IllegalArgumentException if {@code address} is not such an address
     * @throws KafkaTestEnvException    if nothing answers there, or refuses the secret
     */
    static KafkaCluster attach(String address) {
        return io.github.kafkatestenv.engine.internal.RemoteCluster.attach(address);
    }

    /** What this cluster was started from. */
    ClusterDefinition definition();

    /** The Kafka version the brokers run, for example {@code 3.9.2}. */
    String kafkaVersion();

    /** {@link Mode#ZOOKEEPER} or {@link Mode#KRAFT}. */
    Mode mode();

    /** The cluster id brokers report in their metadata. */
    String clusterId();

    /**
     * Every broker's address, comma separated, for {@code bootstrap.servers}: the listener of the definition's
     * {@link ClusterDefinition#securityProtocol() security protocol}.
     */
    String bootstrapServers();

    /**
     * What a client needs to connect, as the first declared user if there is one: {@code bootstrap.servers}, and
     * on a secured listener {@code security.protocol}, the SASL login ({@code sasl.mechanism},
     * {@code sasl.jaas.config}) and the TLS stores ({@code ssl.truststore.*}, and {@code ssl.keystore.*} with
     * mutual TLS). Pass them to any Kafka client.
     */
    Map<String, String> clientProperties();

    /**
     * {@link #clientProperties()} for a declared user.
     *
     * @throws IllegalArgumentException if no such user is declared
     */
    Map<String, String> clientProperties(String user);

    /**
     * With a TLS listener, the directory of its files, valid until close: {@code ca.pem} (the certificate
     * authority, for clients that take PEM such as librdkafka or Node), {@code truststore.p12} and, with mutual
     * TLS, each user's {@code <name>.p12}, {@code <name>-cert.pem} and {@code <name>-key.pem}. The stores'
     * password is in {@link #clientProperties()}.
     */
    Optional<Path> tlsDirectory();

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

    /**
     * Stops one broker (in KRaft mode, the whole node) as a crash would for the rest of the cluster: no controlled
     * shutdown hands its partition leadership over first, so the cluster notices it is gone when its session ends
     * (in KRaft mode after {@code broker.session.timeout.ms}). Its id, port and data are kept for
     * {@link #startBroker}.
     */
    void killBroker(int brokerId);

    /** Starts a stopped broker again with the same id, port and data, and returns once it is registered. */
    void startBroker(int brokerId);

    /**
     * ZooKeeper mode: stops the ZooKeeper server, keeping its data and port. The brokers keep running and retry;
     * what needs ZooKeeper (topic changes, leader elections) waits for {@link #startZooKeeper}.
     *
     * @throws IllegalStateException in KRaft mode, or if ZooKeeper is already stopped
     */
    void stopZooKeeper();

    /**
     * ZooKeeper mode: starts the stopped ZooKeeper server again on the same port with the same data, and returns
     * once every running broker is registered again.
     */
    void startZooKeeper();

    /**
     * Brings the cluster back to what a fresh start of its {@link #definition() definition} would show: every
     * stopped broker (and ZooKeeper) running again; exactly the declared topics, deleted and created again, so empty
     * and with offsets from 0; no other topics; no consumer groups (members a killed JVM left are removed first);
     * SCRAM users and ACLs exactly as declared. Returns once the cluster is ready as after a start.
     *
     * <p>What a reset cannot undo: transactional and idempotent producer state kept by the transaction coordinator
     * ({@code __transaction_state}): an open transaction of a killed producer is aborted when it times out
     * ({@code transaction.timeout.ms}); dynamic broker configs and client quotas that a test changed; the metadata
     * history and log of the cluster. A member of a killed JVM that joined with {@code group.protocol=consumer}
     * cannot be removed by an admin: the reset waits until its session times out (45 s by default).
     *
     * @throws KafkaTestEnvException if the cluster does not get there within 2 minutes, or is closed
     */
    void reset();

    /** This cluster's own directory: data of every node and the log file. Deleted at close unless kept. */
    Path directory();

    /** The file every broker, controller and ZooKeeper log goes to. */
    Path logFile();

    /**
     * Stops everything and deletes the cluster's directory (unless kept). Calling it again does nothing. On a handle
     * from {@link #attach} (or a kept cluster's lease) it only lets go of the handle: the cluster keeps running.
     */
    @Override
    void close();
}
