package io.github.kafkatestenv.bridge.common;

import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.KafkaBridge;
import io.github.kafkatestenv.bridge.RunningServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** What the bridges of every Kafka line do alike: KRaft storage and nodes, and the admin client. */
public abstract class BridgeBase implements KafkaBridge {

    /** The listener the engine and the brokers use among themselves, unless a config names another. */
    private static final String DEFAULT_LISTENER = "PLAINTEXT";

    private static final AtomicInteger ADMIN_IDS = new AtomicInteger();

    @Override
    public String kafkaVersion() {
        return MovedApi.kafkaVersion();
    }

    @Override
    public String newClusterId() {
        return KRaftSupport.newClusterId();
    }

    @Override
    public void formatKRaftStorage(Properties nodeConfig, String clusterId) throws Exception {
        KRaftSupport.format(nodeConfig, clusterId);
    }

    /**
     * The listener whose port {@link RunningServer#port()} reports and whose brokers count as known: the
     * inter-broker one, which the engine's own admin client uses too.
     */
    protected static String engineListener(Properties config) {
        return config.getProperty("inter.broker.listener.name", DEFAULT_LISTENER);
    }

    /** Starts a combined KRaft node; ZooKeeper-mode brokers are the 3.9 bridge's own. */
    protected RunningServer startKRaftNode(Properties config) throws Exception {
        String listener = engineListener(config);
        return KRaftSupport.start(config, listener, broker -> metadataOf(broker, listener));
    }

    /** A KRaft broker's metadata cache and authorizer, read with this Kafka version's API. */
    protected abstract KRaftSupport.BrokerMetadata metadataOf(kafka.server.BrokerServer broker, String listener);

    @Override
    public ClusterAdmin admin(String bootstrapServers, Map<String, String> clientConfig) {
        return new AdminSupport(bootstrapServers, "kafka-testenv-admin-" + ADMIN_IDS.incrementAndGet(),
                clientConfig);
    }

    @Override
    public void writeTlsFiles(Path directory, String password, List<String> clientNames) throws Exception {
        TlsFiles.write(directory, password, clientNames);
    }

    @Override
    public String clientFailure(String server, Map<String, String> clientConfig, long timeoutMs) {
        return AdminSupport.clientFailure(server, "kafka-testenv-probe-" + ADMIN_IDS.incrementAndGet(),
                clientConfig, timeoutMs);
    }

    /** A running server whose stop runs once, however often it is called. */
    public static RunningServer running(int port, Stop stop) {
        return running(port, null, stop);
    }

    /** A running broker, whose metadata cache is read through {@code metadata}, and whose stop runs once. */
    public static RunningServer running(int port, KRaftSupport.BrokerMetadata metadata, Stop stop) {
        return new RunningServer() {
            private boolean stopped;

            @Override
            public int port() {
                return port;
            }

            @Override
            public int knownPartitions(String topic) {
                return metadata == null ? -1 : metadata.knownPartitions(topic);
            }

            @Override
            public int knownBrokers() {
                return metadata == null ? -1 : metadata.knownBrokers();
            }

            @Override
            public int knownAcls() {
                return metadata == null ? -1 : metadata.knownAcls();
            }

            @Override
            public synchronized void stop() throws Exception {
                if (!stopped) {
                    stopped = true;
                    stop.run();
                }
            }
        };
    }

    /** How a server stops. */
    @FunctionalInterface
    public interface Stop {
        void run() throws Exception;
    }
}
