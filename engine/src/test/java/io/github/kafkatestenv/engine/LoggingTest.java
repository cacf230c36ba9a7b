package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broker, controller and ZooKeeper logs go to the cluster's log file, never to the caller's output. */
class LoggingTest {

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"3.9.2", "4.4.0"})
    void logsGoToTheClusterLogFileOnly(String version) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        String log;
        System.setOut(capture);
        System.setErr(capture);
        try (KafkaCluster cluster = ClusterDefinition.builder().kafkaVersion(version)
                .topic(Topic.of("logged")).build().start()) {
            Clients.send(cluster, "logged", 1);
            log = Files.readString(cluster.logFile());
            assertTrue(cluster.logFile().startsWith(cluster.directory()), "the log is in the cluster's directory");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertTrue(log.contains("INFO") && log.contains("Kafka version: " + version), "the log file has the brokers' log");
        if (version.startsWith("3")) {
            assertTrue(log.contains("org.apache.zookeeper"), "ZooKeeper logs there too");
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing on stdout or stderr");
    }
}
