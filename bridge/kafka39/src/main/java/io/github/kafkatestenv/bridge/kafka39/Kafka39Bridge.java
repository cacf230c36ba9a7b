package io.github.kafkatestenv.bridge.kafka39;

import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.bridge.common.BridgeBase;
import io.github.kafkatestenv.bridge.common.ExitProcedures;
import io.github.kafkatestenv.bridge.common.KRaftSupport;
import io.github.kafkatestenv.bridge.common.RuntimeRelease;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import kafka.server.MetadataCache;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import scala.Option;

/** The bridge for Kafka 3.9: ZooKeeper mode and KRaft, logging through reload4j. */
public final class Kafka39Bridge extends BridgeBase {

    @Override
    public void install(Path logFile) {
        ExitProcedures.install();
        FileLogging.configure(logFile);
    }

    @Override
    public RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception {
        // NIOServerCnxnFactory's static initialiser replaces the JVM-wide default uncaught exception handler.
        Thread.UncaughtExceptionHandler callersHandler = Thread.getDefaultUncaughtExceptionHandler();
        // A short tick: its session tracker outlives a shutdown by up to one tick. Sessions keep Kafka's timeout.
        ZooKeeperServer zooKeeper = new ZooKeeperServer(dataDirectory.toFile(), dataDirectory.toFile(), 100);
        zooKeeper.setMaxSessionTimeout(60_000);
        ServerCnxnFactory factory;
        try {
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 200);
            factory.startup(zooKeeper);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(callersHandler);
        }
        return running(factory.getLocalPort(), () -> {
            factory.shutdown();
            zooKeeper.shutdown(true);
        });
    }

    @Override
    public RunningServer startBroker(Properties config, boolean kraft) throws Exception {
        if (kraft) {
            return startKRaftNode(config);
        }
        KafkaServer server = new KafkaServer(KafkaConfig.fromProps(config), Time.SYSTEM, Option.empty(), false);
        try {
            server.startup();
        } catch (Throwable e) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable ignored) {
                // the start failure is what the caller needs to see
            }
            throw e;
        }
        String listener = engineListener(config);
        RunningServer running = running(server.boundPort(ListenerName.normalised(listener)),
                metadataOf(server.metadataCache(), server.authorizer(), listener), () -> {
            server.shutdown();
            server.awaitShutdown();
        });
        return new ZooKeeperBroker(running, server);
    }

    @Override
    protected KRaftSupport.BrokerMetadata metadataOf(BrokerServer broker, String listenerName) {
        return metadataOf(broker.metadataCache(), broker.authorizer(), listenerName);
    }

    private static KRaftSupport.BrokerMetadata metadataOf(MetadataCache cache, Option<Authorizer> authorizer,
                                                          String listenerName) {
        ListenerName listener = ListenerName.normalised(listenerName);
        return new KRaftSupport.BrokerMetadata() {
            @Override
            public int knownPartitions(String topic) {
                Option<Object> partitions = cache.numPartitions(topic);
                return partitions.isDefined() ? (Integer) partitions.get() : -1;
            }

            @Override
            public int knownBrokers() {
                return cache.getAliveBrokerNodes(listener).size();
            }

            @Override
            public int knownAcls() {
                return authorizer.isDefined() ? KRaftSupport.countAcls(authorizer.get()) : -1;
            }
        };
    }

    @Override
    public void release() {
        RuntimeRelease.releaseMetricsAndBeans();
        FileLogging.close();
    }

    /** A ZooKeeper-mode broker, which also tells whether its ZooKeeper session is connected. */
    private record ZooKeeperBroker(RunningServer running, KafkaServer server) implements RunningServer {
        @Override
        public int port() {
            return running.port();
        }

        @Override
        public int knownPartitions(String topic) {
            return running.knownPartitions(topic);
        }

        @Override
        public int knownBrokers() {
            return running.knownBrokers();
        }

        @Override
        public int knownAcls() {
            return running.knownAcls();
        }

        @Override
        public boolean connectedToZooKeeper() {
            return server.zkClient().currentZooKeeper().getState().isConnected();
        }

        @Override
        public void stop() throws Exception {
            running.stop();
        }

        @Override
        public void kill() throws Exception {
            // Also when the user turned controlled shutdown on: a crash hands nothing over.
            java.lang.reflect.Field controlledShutdown = KafkaConfig.class.getDeclaredField("controlledShutdownEnable");
            controlledShutdown.setAccessible(true);
            controlledShutdown.set(server.config(), Boolean.FALSE);
            running.stop();
        }
    }
}
