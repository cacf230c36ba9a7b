package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What a user sees from a real {@code mvn} when the {@code run} goal cannot start the cluster asked for. */
@EnabledOnOs(OS.LINUX)
class RunGoalFailuresIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void rejectsBrokerPropertyWithoutValue() throws Exception {
        assertFailsWith("broker-property-without-value", "Invalid parameter brokerProperties"
                + " (-Dkafka.testenv.brokerProperties): Invalid broker property 'foo': write key=value",
                ChildMaven.PLUGIN + ":run", "-Dkafka.testenv.brokerProperties=log.retention.ms=60000,foo");
    }

    @Test
    void namesCoordinatesAndRepositoriesOfAVersionThatCannotBeResolved() throws Exception {
        String output = assertFailsWith("unresolvable-version",
                "Cannot resolve the Kafka 3.9.99 runtime org.apache.kafka:kafka_2.13:3.9.99",
                ChildMaven.PLUGIN + ":run", "-Dkafka.testenv.kafkaVersion=3.9.99");
        assertTrue(output.contains("from the repositories local-repository (file:"), output);
    }

    @Test
    void namesThePortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertFailsWith("port-in-use", "Port " + taken.getLocalPort() + " (broker 0) is already in use",
                    ChildMaven.PLUGIN + ":run", "-Dkafka.testenv.brokerPort=" + taken.getLocalPort(),
                    "-Dkafka.testenv.zookeeperPort=0");
        }
    }

    @Test
    void readsTopicsNestedInThePomAndRejectsReplicationAboveBrokers() throws Exception {
        ChildMaven.writePluginProject(ChildMaven.IT_DIRECTORY.resolve("pom-topics"), """
                <configuration>
                  <topics>
                    <topic>audit</topic>
                    <topic>
                      <name>orders</name>
                      <partitions>3</partitions>
                      <replicationFactor>3</replicationFactor>
                      <configs><cleanup.policy>compact</cleanup.policy></configs>
                    </topic>
                  </topics>
                </configuration>""");
        assertFailsWith("pom-topics", "Invalid parameters topics (-Dkafka.testenv.topics), brokers"
                + " (-Dkafka.testenv.brokers): Topic 'orders' has replication factor 3 but the cluster has 1 broker:"
                + " lower its replicationFactor or raise brokers", ChildMaven.PLUGIN + ":run");
    }

    /** Runs mvn, expects a failed build whose error line carries {@code message}; returns the output. */
    private static String assertFailsWith(String name, String message, String... arguments) throws Exception {
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve(name), arguments)) {
            int exitCode = mvn.awaitExit(TIMEOUT);
            String output = mvn.output();
            assertEquals(1, exitCode, output);
            assertTrue(output.lines().anyMatch(line -> line.startsWith("[ERROR] Failed to execute goal")
                    && line.contains(": " + message)), "expected '" + message + "' in:\n" + output);
            return output;
        }
    }
}
