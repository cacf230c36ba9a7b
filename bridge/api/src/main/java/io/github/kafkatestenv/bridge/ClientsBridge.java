package io.github.kafkatestenv.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Kafka client side of a runtime, as the engine uses it: an admin client, probes, certificates. Implemented by
 * code loaded in an isolated class loader; only JDK types and this package's types cross the boundary.
 *
 * <p>Every {@link KafkaBridge} is one. On its own it drives clusters whose servers run in JVM processes of their
 * own, where the engine needs Kafka's clients but none of its server classes.
 */
public interface ClientsBridge {

    /** Sends this runtime's own logs to {@code logFile} (or discards them), and nothing to the console. */
    void install(Path logFile);

    /** A new random cluster id in Kafka's format. */
    String newClusterId();

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
     * What the one broker at {@code host:port} itself knows, asked over the network: requests sent to that broker
     * alone, answered from its own metadata cache and authorizer. {@code clientConfig} holds the listener's
     * security settings.
     */
    default BrokerView brokerView(String host, int port, Map<String, String> clientConfig) {
        throw new UnsupportedOperationException("this runtime reads its brokers' state in the JVM");
    }

    /** Releases what the runtime holds process-wide once every server is stopped. */
    void release();
}
