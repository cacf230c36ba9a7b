package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code mvn ...:help -Ddetail} documents every goal, and every parameter with its user property. */
@EnabledOnOs(OS.LINUX)
class HelpGoalIT {

    @Test
    void documentsEveryParameterOfRun() throws Exception {
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve("help"),
                ChildMaven.PLUGIN + ":help", "-Ddetail", "-Dgoal=run")) {
            assertEquals(0, mvn.awaitExit(Duration.ofMinutes(2)), mvn.output());
            String help = mvn.output();
            // Every parameter's user property is kafka.testenv.<its name>.
            Map<String, String> properties = new LinkedHashMap<>();
            for (String parameter : List.of("mode", "brokers", "kafkaVersion", "topics", "brokerPort", "zookeeperPort",
                    "brokerProperties", "workDirectory", "keepDirectory", "skip", "securityProtocol", "users",
                    "saslMechanism", "mutualTls", "authorizer", "superUsers", "grants")) {
                properties.put(parameter, "kafka.testenv." + parameter);
            }
            properties.forEach((parameter, property) -> {
                int documented = help.indexOf("\n    " + parameter);
                assertTrue(documented >= 0, parameter + " is not documented:\n" + help);
                int next = help.indexOf("User property: ", documented);
                assertTrue(help.startsWith("User property: " + property, next), parameter + ":\n" + help);
            });
            assertTrue(help.contains("brokerPort (Default: 9092)"), help);
            assertTrue(help.contains("zookeeperPort (Default: 2181)"), help);
            assertTrue(help.contains("kafkaVersion (Default: 3.9.2)"), help);
            assertTrue(help.contains("securityProtocol (Default: PLAINTEXT)"), help);
        }
    }

    @Test
    void documentsEveryGoalAndEveryParameter() throws Exception {
        Map<String, Map<String, String>> parameters = PluginDescriptor.editableParameters();
        assertEquals(Set.of("run", "start", "await", "stop", "produce", "consume", "kept", "help"), parameters.keySet());
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve("help-all"),
                ChildMaven.PLUGIN + ":help", "-Ddetail")) {
            assertEquals(0, mvn.awaitExit(Duration.ofMinutes(2)), mvn.output());
            String help = mvn.output();
            assertTrue(help.contains("This plugin has 8 goals:"), help);
            parameters.forEach((goal, names) -> {
                int section = help.indexOf("\nkafka:" + goal + "\n");
                assertTrue(section >= 0, "goal " + goal + " is not documented:\n" + help);
                int end = help.indexOf("\nkafka:", section + 1);
                String documented = help.substring(section, end < 0 ? help.length() : end);
                for (String name : names.keySet()) {
                    Matcher entries = Pattern.compile("\n    " + name + "( \\(Default: [^)]*\\))?\n(      .*\n|\n)*")
                            .matcher(documented);
                    assertTrue(entries.find(), goal + ": parameter " + name + " is not documented:\n" + documented);
                    String entry = entries.group();
                    assertTrue(entry.contains("User property: "), goal + ": " + name + " has no user property:"
                            + entry);
                    assertTrue(entry.split("\n").length >= 3 && !entry.toLowerCase().contains("no description"),
                            goal + ": " + name + " has no description:" + entry);
                }
            });
        }
    }
}
