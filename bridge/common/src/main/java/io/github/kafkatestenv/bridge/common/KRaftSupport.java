package io.github.kafkatestenv.bridge.common;

import io.github.kafkatestenv.bridge.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import scala.Option;

/** Formatting and starting combined KRaft nodes; the same calls work on Kafka 3.9 and 4.x. */
public final class KRaftSupport {

    private KRaftSupport() {
    }

    public static String newClusterId() {
        return Uuid.randomUuid().toString();
    }

    public static void format(Properties nodeConfig, String clusterId) throws Exception {
        List<String> directories = Arrays.asList(nodeConfig.getProperty("log.dirs").split(","));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setClusterId(clusterId)
                .setNodeId(Integer.parseInt(nodeConfig.getProperty("node.id")))
                .setControllerListenerName(nodeConfig.getProperty("controller.listener.names").split(",")[0])
                .setMetadataLogDirectory(nodeConfig.getProperty("metadata.log.dir", directories.get(0)))
                .setDirectories(directories)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /** How many bindings an authorizer holds: what a broker enforces, as opposed to what the controller stored. */
    public static int countAcls(org.apache.kafka.server.authorizer.Authorizer authorizer) {
        int count = 0;
        for (var ignored : authorizer.acls(org.apache.kafka.common.acl.AclBindingFilter.ANY)) {
            count++;
        }
        return count;
    }

    /** A broker's own metadata cache, read through the API of its Kafka version. */
    public interface BrokerMetadata {
        int knownPartitions(String topic);

        int knownBrokers();

        /** How many ACL bindings the broker's authorizer holds; -1 without one. */
        int knownAcls();
    }

    public static RunningServer start(Properties config, String listenerName,
                                      Function<BrokerServer, BrokerMetadata> metadata) throws Exception {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        try {
            server.startup();
            BrokerServer broker = broker(server);
            return new Node(server, broker, metadata.apply(broker), boundPort(server, listenerName));
        } catch (Throwable e) {
            shutdownQuietly(server);
            closeUnstartedCoordinators(server);
            throw e;
        }
    }

    /**
     * Kafka builds the group and share coordinators with their threads, but its shutdown stops them only once they
     * started: a start that failed in between (a start timeout on a slow machine) would leave those threads running
     * in this JVM. Closes their runtimes; closing a closed one does nothing.
     */
    private static void closeUnstartedCoordinators(KafkaRaftServer server) {
        for (String coordinator : List.of("groupCoordinator", "shareCoordinator")) {
            try {
                Object value = BrokerServer.class.getMethod(coordinator).invoke(broker(server));
                closeRuntimeOf(value instanceof Option<?> option ? option.getOrElse(() -> null) : value); // 4.0
            } catch (Exception | LinkageError e) {
                // a release without this coordinator (3.9 has no share coordinator), or with other fields
            }
        }
    }

    private static void closeRuntimeOf(Object coordinator) throws Exception {
        for (Class<?> type = coordinator == null ? null : coordinator.getClass(); type != null;
                type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("runtime");
                field.setAccessible(true);
                if (field.get(coordinator) instanceof AutoCloseable runtime) {
                    runtime.close();
                }
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
    }

    private static int boundPort(KafkaRaftServer server, String listenerName) throws ReflectiveOperationException {
        return broker(server).boundPort(ListenerName.normalised(listenerName));
    }

    /** KafkaRaftServer keeps its broker half private; it alone tells a bound port and stops apart. */
    @SuppressWarnings("unchecked")
    private static BrokerServer broker(KafkaRaftServer server) throws ReflectiveOperationException {
        Field field = KafkaRaftServer.class.getDeclaredField("broker");
        field.setAccessible(true);
        return ((Option<BrokerServer>) field.get(server)).get();
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (Throwable ignored) {
            // the start failure is what the caller needs to see
        }
    }

    /**
     * {@code KafkaRaftClient.shutdown(int timeoutMs)}: found by name and parameters, because its return type
     * changed in 4.4 (CompletableFuture to CompletionStage) and the bytecode of a direct call names that type.
     */
    private static void shutdownRaftClientNow(BrokerServer broker) throws ReflectiveOperationException {
        Object client = broker.sharedServer().raftManager().client();
        MovedApi.invoke(client.getClass().getMethod("shutdown", int.class), client, 0);
    }

    private static final class Node implements RunningServer {
        private final KafkaRaftServer server;
        private final BrokerServer broker;
        private final BrokerMetadata metadata;
        private final int port;
        private volatile boolean clusterStopping;
        private boolean stopped;

        Node(KafkaRaftServer server, BrokerServer broker, BrokerMetadata metadata, int port) {
            this.server = server;
            this.broker = broker;
            this.metadata = metadata;
            this.port = port;
        }

        @Override
        public int knownPartitions(String topic) {
            return metadata.knownPartitions(topic);
        }

        @Override
        public int knownBrokers() {
            return metadata.knownBrokers();
        }

        @Override
        public int knownAcls() {
            return metadata.knownAcls();
        }

        @Override
        public void stopBrokerRole() {
            clusterStopping = true;
            // BrokerServer.shutdown() is idempotent: KafkaRaftServer.shutdown() later skips it.
            broker.shutdown();
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void kill() throws ReflectiveOperationException {
            // BrokerServer.shutdown() asks the controller for a controlled shutdown when its config says so; the
            // config is immutable, and this one node must skip it, so its field is switched off.
            Field controlledShutdown = KafkaConfig.class.getDeclaredField("controlledShutdownEnable");
            controlledShutdown.setAccessible(true);
            controlledShutdown.set(broker.config(), Boolean.FALSE);
            stop();
        }

        @Override
        public synchronized void stop() throws ReflectiveOperationException {
            if (!stopped) {
                stopped = true;
                if (clusterStopping) {
                    // The whole quorum is going away: a leader would wait Kafka's fixed 5 s for a successor that
                    // cannot be elected. A graceful shutdown with no time left ends the raft client at once.
                    shutdownRaftClientNow(broker);
                }
                server.shutdown();
                server.awaitShutdown();
            }
        }
    }
}
