package io.github.kafkatestenv.bridge.kafka4;

import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.bridge.common.BridgeBase;
import io.github.kafkatestenv.bridge.common.ExitProcedures;
import io.github.kafkatestenv.bridge.common.KRaftSupport;
import io.github.kafkatestenv.bridge.common.RuntimeRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.BrokerServer;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The bridge for Kafka 4.x: KRaft only, logging through log4j2. Compiled against the newest 4.x release; the few
 * calls whose class or signature moved within the line are bound to this runtime's form when it loads.
 */
public final class Kafka4Bridge extends BridgeBase {

    private BrokerMetadataReader metadataReader;
    private LoggerContext loggerContext;

    @Override
    public void install(Path logFile) {
        // First: a release whose moved calls the bridge does not know fails here, before anything started.
        ExitProcedures.install();
        metadataReader = new BrokerMetadataReader();
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
        return metadataReader.of(broker, listenerName);
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
