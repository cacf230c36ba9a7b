package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code mvn ...:help -Ddetail} documents every parameter of {@code run} with its user property. */
@EnabledOnOs(OS.LINUX)
class HelpGoalIT {

    @Test
    void documentsEveryParameterOfRun() throws Exception {
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve("help"),
                ChildMaven.PLUGIN + ":help", "-Ddetail", "-Dgoal=run")) {
            assertEquals(0, mvn.awaitExit(Duration.ofMinutes(2)), mvn.output());
            String help = mvn.output();
            Map<String, String> properties = Map.of("mode", "kafka.mode", "brokers", "kafka.brokers",
                    "kafkaVersion", "kafka.version", "topics", "kafka.topics", "port", "kafka.port",
                    "zookeeperPort", "kafka.zookeeperPort", "brokerProperties", "kafka.brokerProperties",
                    "workDirectory", "kafka.workDirectory", "keepDirectory", "kafka.keepDirectory",
                    "skip", "kafka.skip");
            properties.forEach((parameter, property) -> {
                int documented = help.indexOf("\n    " + parameter);
                assertTrue(documented >= 0, parameter + " is not documented:\n" + help);
                int next = help.indexOf("User property: ", documented);
                assertTrue(help.startsWith("User property: " + property, next), parameter + ":\n" + help);
            });
            assertTrue(help.contains("port (Default: 9092)"), help);
            assertTrue(help.contains("zookeeperPort (Default: 2181)"), help);
            assertTrue(help.contains("kafkaVersion (Default: 3.9.2)"), help);
        }
    }
}
