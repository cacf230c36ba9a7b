package io.github.kafkatestenv.bridge.kafka39;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.log4j.Appender;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.PropertyConfigurator;
import org.apache.log4j.varia.NullAppender;

/**
 * The Kafka 3.9 runtime's logging, through slf4j's reload4j binding: everything at INFO to one file. Configured
 * inside the runtime's own class loader, so the caller's logging is never touched.
 */
final class FileLogging {

    private FileLogging() {
    }

    /** Sends every log of this runtime to {@code logFile}. */
    static void configure(Path logFile) {
        Properties log = new Properties();
        log.setProperty("log4j.rootLogger", "INFO, file");
        log.setProperty("log4j.appender.file", "org.apache.log4j.FileAppender");
        log.setProperty("log4j.appender.file.File", logFile.toString());
        log.setProperty("log4j.appender.file.Append", "true");
        log.setProperty("log4j.appender.file.layout", "org.apache.log4j.PatternLayout");
        log.setProperty("log4j.appender.file.layout.ConversionPattern", "[%d] %p [%t] %m (%c)%n");
        log.setProperty("log4j.logger.kafka.request.logger", "WARN");
        PropertyConfigurator.configure(log);
    }

    /**
     * Closes the log file. A server thread may still log while it winds down: the null appender, added first,
     * keeps log4j from warning about a logger without appenders on the caller's stderr.
     */
    static void close() {
        Logger root = LogManager.getRootLogger();
        Appender file = root.getAppender("file");
        root.addAppender(new NullAppender());
        if (file != null) {
            root.removeAppender(file);
            file.close();
        }
    }
}
