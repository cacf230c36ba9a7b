package io.github.kafkatestenv.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The engine's view of one Kafka runtime, implemented by code loaded in that runtime's isolated class loader.
 *
 * <p>Only JDK types and the types of this package cross this boundary, so that neither Kafka's classes nor the
 * caller's reach the other side. Every call is made on a thread whose context class loader is the runtime's
 * loader. Implementations are not thread-safe unless a method says so.
 */
public interface KafkaBridge {

    /** The version of the Kafka runtime this bridge runs on, as Kafka reports it. */
    String kafkaVersion();

    /**
     * Sends every log of this runtime (brokers, controllers, ZooKeeper, internal clients) to one file, and
     * replaces Kafka's process-wide exit, halt and shutdown-hook procedures with ones that neither stop nor pin
     * the JVM.
     */
    void install(Path logFile);

    /** Starts a standalone ZooKeeper server bound to 127.0.0.1 on {@code port} (0 for a free one). */
    RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception;

    /** A new random cluster id in Kafka's format. */
    String newClusterId();

    /** Formats the storage of a KRaft node described by {@code nodeConfig} for {@code clusterId}. */
    void formatKRaftStorage(Properties nodeConfig, String clusterId) throws Exception;

    /**
     * Starts a broker (ZooKeeper mode) or a combined broker and controller node (KRaft mode) and returns once
     * its {@code startup()} has returned. In KRaft mode this blocks until a quorum of voters is up.
     */
    RunningServer startBroker(Properties config, boolean kraft) throws Exception;

    /**
     * An admin view of the cluster reachable at {@code bootstrapServers}, made with this runtime's clients;
     * {@code clientConfig} holds the security settings of that listener (empty for plaintext).
     */
    ClusterAdmin admin(String bootstrapServers, Map<String, String> clientConfig);

    /**
     * Writes a new certificate authority and the certificates signed by it, as PKCS12 stores protected by
     * {@code password} and as PEM files: {@code ca.pem} and {@code truststore.p12} (the CA),
     * {@code broker.p12} (a key and certificate valid for 127.0.0.1 and localhost), and for each client name
     * {@code <name>.p12}, {@code <name>-cert.pem} and {@code <name>-key.pem} (a certificate whose subject is
     * {@code CN=<name>}).
     */
    void writeTlsFiles(Path directory, String password, List<String> clientNames) throws Exception;

    /**
     * Why a client configured with {@code clientConfig} cannot use the one broker at {@code server} yet (connect,
     * authenticate and read the cluster's metadata), or {@code null} once it can.
     */
    String clientFailure(String server, Map<String, String> clientConfig, long timeoutMs);

    /**
     * Releases what the runtime holds process-wide once every server is stopped: metrics registries, logging
     * contexts and the JMX beans registered by this class loader.
     */
    void release();
}
