package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
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
            Map<String, String> properties = Map.ofEntries(Map.entry("mode", "kafka.mode"),
                    Map.entry("brokers", "kafka.brokers"), Map.entry("kafkaVersion", "kafka.version"),
                    Map.entry("topics", "kafka.topics"), Map.entry("port", "kafka.port"),
                    Map.entry("zookeeperPort", "kafka.zookeeperPort"),
                    Map.entry("brokerProperties", "kafka.brokerProperties"),
                    Map.entry("workDirectory", "kafka.workDirectory"),
                    Map.entry("keepDirectory", "kafka.keepDirectory"),
                    Map.entry("skip", "kafka.skip"), Map.entry("securityProtocol", "kafka.securityProtocol"),
                    Map.entry("users", "kafka.users"), Map.entry("saslMechanism", "kafka.saslMechanism"),
                    Map.entry("mutualTls", "kafka.mutualTls"), Map.entry("authorizer", "kafka.authorizer"),
                    Map.entry("superUsers", "kafka.superUsers"), Map.entry("grants", "kafka.grants"));
            properties.forEach((parameter, property) -> {
                int documented = help.indexOf("\n    " + parameter);
                assertTrue(documented >= 0, parameter + " is not documented:\n" + help);
                int next = help.indexOf("User property: ", documented);
                assertTrue(help.startsWith("User property: " + property, next), parameter + ":\n" + help);
            });
            assertTrue(help.contains("port (Default: 9092)"), help);
            assertTrue(help.contains("zookeeperPort (Default: 2181)"), help);
            assertTrue(help.contains("kafkaVersion (Default: 3.9.2)"), help);
            assertTrue(help.contains("securityProtocol (Default: PLAINTEXT)"), help);
        }
    }

    @Test
    void documentsEveryGoalAndEveryParameter() throws Exception {
        Map<String, List<String>> parameters = descriptorParameters();
        assertEquals(Set.of("run", "start", "stop", "produce", "consume", "help"), parameters.keySet());
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve("help-all"),
                ChildMaven.PLUGIN + ":help", "-Ddetail")) {
            assertEquals(0, mvn.awaitExit(Duration.ofMinutes(2)), mvn.output());
            String help = mvn.output();
            assertTrue(help.contains("This plugin has 6 goals:"), help);
            parameters.forEach((goal, names) -> {
                int section = help.indexOf("\nkafka:" + goal + "\n");
                assertTrue(section >= 0, "goal " + goal + " is not documented:\n" + help);
                int end = help.indexOf("\nkafka:", section + 1);
                String documented = help.substring(section, end < 0 ? help.length() : end);
                for (String name : names) {
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

    /** The editable parameters of each goal, from the plugin descriptor this build generated. */
    private static Map<String, List<String>> descriptorParameters() throws Exception {
        Map<String, List<String>> goals = new TreeMap<>();
        try (InputStream in = HelpGoalIT.class.getResourceAsStream("/META-INF/maven/plugin.xml");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (Xpp3Dom mojo : Xpp3DomBuilder.build(reader).getChild("mojos").getChildren("mojo")) {
                List<String> names = new ArrayList<>();
                for (Xpp3Dom parameter : mojo.getChild("parameters").getChildren("parameter")) {
                    if (Boolean.parseBoolean(parameter.getChild("editable").getValue())) {
                        names.add(parameter.getChild("name").getValue());
                    }
                }
                goals.put(mojo.getChild("goal").getValue(), names);
            }
        }
        return goals;
    }
}
