package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Ctrl-C in the middle of {@code mvn verify}, after {@code start} and before {@code stop}: the cluster stops, and
 * neither its directory nor its properties file is left in {@code target/kafka-testenv}.
 */
@EnabledOnOs(OS.LINUX)
class StartGoalCtrlCIT {

    private static final Pattern READY = Pattern.compile("ready in [0-9.]+ s at (\\S+)");
    private static final Pattern CONSUMING = Pattern.compile("--- kafka-maven-plugin:[^:]+:consume");

    @Test
    void ctrlCBetweenStartAndStopLeavesNothingBehind() throws Exception {
        Path project = ChildMaven.IT_DIRECTORY.resolve("start-ctrl-c");
        ChildMaven.writePluginProject(project, """
                <executions>
                  <execution>
                    <goals><goal>start</goal><goal>stop</goal></goals>
                    <configuration><topics><topic>quiet</topic></topics></configuration>
                  </execution>
                  <execution>
                    <!-- Stands for a long integration test: waits for a record that never comes. -->
                    <id>wait</id>
                    <phase>integration-test</phase>
                    <goals><goal>consume</goal></goals>
                    <configuration>
                      <topic>quiet</topic>
                      <maxMessages>1</maxMessages>
                      <timeout>5m</timeout>
                    </configuration>
                  </execution>
                </executions>""");
        Path work = project.resolve("target").resolve("kafka-testenv");
        try (ChildMaven mvn = ChildMaven.start(project, "verify")) {
            String bootstrapServers = mvn.awaitLine(READY, Duration.ofMinutes(3)).group(1);
            mvn.awaitLine(CONSUMING, Duration.ofMinutes(1));
            assertTrue(Files.exists(work.resolve("kafka.properties")), "start wrote its properties file");

            mvn.interrupt();

            assertEquals(130, mvn.awaitExit(Duration.ofMinutes(2)), "ended by SIGINT. Output:\n" + mvn.output());
            for (String address : bootstrapServers.split(",")) {
                assertRefused(address);
            }
            assertEquals(List.of(), list(work), "left behind in " + work);
        }
    }

    private static void assertRefused(String address) throws IOException {
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            throw new AssertionError(address + " still accepts connections");
        } catch (ConnectException expected) {
            // stopped
        }
    }

    private static List<String> list(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }
}
