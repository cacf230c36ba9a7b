package io.github.kafkatestenv.bridge.kafka4;

import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.bridge.common.BridgeBase;
import io.github.kafkatestenv.bridge.common.KRaftSupport;
import io.github.kafkatestenv.bridge.common.RuntimeRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.MetadataCache;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/** The bridge for Kafka 4.x: KRaft only, logging through log4j2. */
public final class Kafka4Bridge extends BridgeBase {

    private LoggerContext loggerContext;

    @Override
    public String kafkaVersion() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void install(Path logFile) {
        Path config = logFile.resolveSibling("log4j2-kafka-testenv.properties");
        String text = String.join("\n",
                "status = error",
                "name = kafka-testenv",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + logFile.toString().replace("\\", "/"),
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p [%t] %m (%c)%n",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = file",
                "");
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the log configuration " + config, e);
        }
        loggerContext = Configurator.initialize("kafka-testenv", Kafka4Bridge.class.getClassLoader(),
                config.toUri().toString());

        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException(exitRefused("exit", status, message));
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException(exitRefused("halt", status, message));
        });
        // Kafka's only hook here unregisters its JMX beans; the engine does that itself at close.
        Exit.setShutdownHookAdder((name, runnable) -> { });
    }

    @Override
    public RunningServer startZooKeeper(Path dataDirectory, int port) {
        throw new UnsupportedOperationException("Kafka " + kafkaVersion() + " has no ZooKeeper mode");
    }

    @Override
    public RunningServer startBroker(Properties config, boolean kraft) throws Exception {
        if (!kraft) {
            throw new UnsupportedOperationException("Kafka " + kafkaVersion() + " has no ZooKeeper mode");
        }
        return startKRaftNode(config);
    }

    @Override
    protected KRaftSupport.BrokerMetadata metadataOf(BrokerServer broker, String listenerName) {
        MetadataCache cache = broker.metadataCache();
        ListenerName listener = ListenerName.normalised(listenerName);
        return new KRaftSupport.BrokerMetadata() {
            @Override
            public int knownPartitions(String topic) {
                return cache.numPartitions(topic).orElse(-1);
            }

            @Override
            public int knownBrokers() {
                return cache.getAliveBrokerNodes(listener).size();
            }

            @Override
            public int knownAcls() {
                var authorizer = broker.authorizerPlugin();
                return authorizer.isDefined() ? KRaftSupport.countAcls(authorizer.get().get()) : -1;
            }
        };
    }

    @Override
    public void release() {
        RuntimeRelease.releaseMetricsAndBeans();
        if (loggerContext != null) {
            Configurator.shutdown(loggerContext);
            loggerContext = null;
        }
    }
}
