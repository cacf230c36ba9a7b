package io.github.kafkatestenv.bridge.kafka39;

import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.KafkaBridge;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.bridge.common.AdminSupport;
import io.github.kafkatestenv.bridge.common.KRaftSupport;
import io.github.kafkatestenv.bridge.common.RuntimeRelease;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.log4j.Appender;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.PropertyConfigurator;
import org.apache.log4j.varia.NullAppender;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import scala.Option;

/** The bridge for Kafka 3.9: ZooKeeper mode and KRaft, logging through reload4j. */
public final class Kafka39Bridge implements KafkaBridge {

    private static final AtomicInteger ADMIN_IDS = new AtomicInteger();

    @Override
    public String kafkaVersion() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void install(Path logFile) {
        Properties log = new Properties();
        log.setProperty("log4j.rootLogger", "INFO, file");
        log.setProperty("log4j.appender.file", "org.apache.log4j.FileAppender");
        log.setProperty("log4j.appender.file.File", logFile.toString());
        log.setProperty("log4j.appender.file.Append", "true");
        log.setProperty("log4j.appender.file.layout", "org.apache.log4j.PatternLayout");
        log.setProperty("log4j.appender.file.layout.ConversionPattern", "[%d] %p [%t] %m (%c)%n");
        log.setProperty("log4j.logger.org.apache.zookeeper", "INFO");
        log.setProperty("log4j.logger.kafka.request.logger", "WARN");
        PropertyConfigurator.configure(log);

        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to exit the JVM (status " + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to halt the JVM (status " + status + "): " + message);
        });
        // Kafka's only hook here unregisters its JMX beans; the engine does that itself at close.
        Exit.setShutdownHookAdder((name, runnable) -> { });
    }

    @Override
    public RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception {
        // NIOServerCnxnFactory's static initialiser replaces the JVM-wide default uncaught exception handler.
        Thread.UncaughtExceptionHandler callersHandler = Thread.getDefaultUncaughtExceptionHandler();
        ZooKeeperServer zooKeeper = new ZooKeeperServer(dataDirectory.toFile(), dataDirectory.toFile(), 500);
        ServerCnxnFactory factory;
        try {
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 200);
            factory.startup(zooKeeper);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(callersHandler);
        }
        return new RunningServer() {
            private boolean stopped;

            @Override
            public int port() {
                return factory.getLocalPort();
            }

            @Override
            public synchronized void stop() {
                if (!stopped) {
                    stopped = true;
                    factory.shutdown();
                    zooKeeper.shutdown(true);
                }
            }
        };
    }

    @Override
    public String newClusterId() {
        return KRaftSupport.newClusterId();
    }

    @Override
    public void formatKRaftStorage(Properties nodeConfig, String clusterId) throws Exception {
        KRaftSupport.format(nodeConfig, clusterId);
    }

    @Override
    public RunningServer startBroker(Properties config, boolean kraft) throws Exception {
        if (kraft) {
            return KRaftSupport.start(config, "PLAINTEXT");
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
        int port = server.boundPort(ListenerName.normalised("PLAINTEXT"));
        return new RunningServer() {
            private boolean stopped;

            @Override
            public int port() {
                return port;
            }

            @Override
            public synchronized void stop() {
                if (!stopped) {
                    stopped = true;
                    server.shutdown();
                    server.awaitShutdown();
                }
            }
        };
    }

    @Override
    public ClusterAdmin admin(String bootstrapServers) {
        return new AdminSupport(bootstrapServers, "kafka-testenv-admin-" + ADMIN_IDS.incrementAndGet());
    }

    @Override
    public void release() {
        RuntimeRelease.releaseMetricsAndBeans();
        // Closes the log file. A ZooKeeper thread may still log while it winds down: the null appender, added
        // first, keeps log4j from warning about a logger without appenders on the caller's stderr.
        Logger root = LogManager.getRootLogger();
        Appender file = root.getAppender("file");
        root.addAppender(new NullAppender());
        if (file != null) {
            root.removeAppender(file);
            file.close();
        }
    }
}
