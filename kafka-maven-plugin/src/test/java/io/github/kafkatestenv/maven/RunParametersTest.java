package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.Topic;
import java.io.File;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the {@code run} goal makes of its parameters, configured as Maven configures it. */
class RunParametersTest {

    @Test
    void defaultsAreKafkasQuickstart() throws Exception {
        ClusterDefinition definition = definition("");

        assertEquals(Mode.ZOOKEEPER, definition.mode());
        assertEquals("3.9.2", definition.kafkaVersion());
        assertEquals(1, definition.brokers());
        assertEquals(9092, definition.brokerPort());
        assertEquals(2181, definition.zookeeperPort());
        assertEquals(List.of(), definition.topics());
        assertEquals(Map.of(), definition.brokerProperties());
        assertNull(definition.workDirectory(), "no pom: the engine's default, the system temp directory");
        assertEquals(false, definition.keepDirectory());
    }

    @Test
    void commandLineDescribesAKRaftClusterWithAReplicatedTopic() throws Exception {
        ClusterDefinition definition = definition("",
                "kafka.testenv.mode", "kraft", "kafka.testenv.brokers", "3", "kafka.testenv.topics", "orders:3:3");

        assertEquals(Mode.KRAFT, definition.mode());
        assertEquals(3, definition.brokers());
        assertEquals(List.of(new Topic("orders", 3, 3, Map.of())), definition.topics());
    }

    @Test
    void topicsPropertyTakesACommaSeparatedListWithDefaultsOfOne() throws Exception {
        ClusterDefinition definition = definition("", "kafka.testenv.topics", "orders:3, audit ,payments:2");

        assertEquals(List.of(new Topic("orders", 3, 1, Map.of()), Topic.of("audit"),
                new Topic("payments", 2, 1, Map.of())), definition.topics());
    }

    @Test
    void pomTakesTopicsInShortAndLongFormWithConfigs() throws Exception {
        ClusterDefinition definition = definition("""
                <brokers>3</brokers>
                <topics>
                  <topic>audit:1:3</topic>
                  <topic>
                    <name>orders</name>
                    <partitions>6</partitions>
                    <replicationFactor>3</replicationFactor>
                    <configs>
                      <cleanup.policy>compact</cleanup.policy>
                      <min.insync.replicas>2</min.insync.replicas>
                    </configs>
                  </topic>
                  <topic><name>clicks</name></topic>
                </topics>""");

        assertEquals(List.of(new Topic("audit", 1, 3, Map.of()),
                new Topic("orders", 6, 3, Map.of("cleanup.policy", "compact", "min.insync.replicas", "2")),
                Topic.of("clicks")), definition.topics());
    }

    @Test
    void brokerPropertiesComeFromTheCommandLineOrThePom() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("log.retention.ms", "60000");
        expected.put("auto.create.topics.enable", "false");

        assertEquals(expected, definition("", "kafka.testenv.brokerProperties",
                "log.retention.ms=60000,auto.create.topics.enable=false").brokerProperties());
        assertEquals(expected, definition("""
                <brokerProperties>
                  <brokerProperty>log.retention.ms=60000</brokerProperty>
                  <brokerProperty>auto.create.topics.enable = false</brokerProperty>
                </brokerProperties>""").brokerProperties());
    }

    @Test
    void brokerPropertyValueMayContainEquals() throws Exception {
        assertEquals(Map.of("sasl.jaas.config", "a=b"),
                AbstractKafkaMojo.parseBrokerProperties(List.of("sasl.jaas.config=a=b")));
    }

    @Test
    void kafka4WithoutModeMeansKRaft() throws Exception {
        assertEquals(Mode.KRAFT, definition("", "kafka.testenv.kafkaVersion", "4.4.0").mode());
    }

    @Test
    void portsComeFromProperties() throws Exception {
        ClusterDefinition definition = definition("", "kafka.testenv.brokerPort", "0", "kafka.testenv.zookeeperPort",
                "0");

        assertEquals(0, definition.brokerPort());
        assertEquals(0, definition.zookeeperPort());
    }

    @Test
    void zooKeeperPortIsIgnoredInKRaftMode() throws Exception {
        ClusterDefinition definition = definition("",
                "kafka.testenv.mode", "kraft", "kafka.testenv.brokers", "3", "kafka.testenv.brokerPort", "2180");

        assertEquals(2180, definition.brokerPort());
        assertEquals(0, definition.zookeeperPort(), "2181 would clash with broker 1, but KRaft has no ZooKeeper");
    }

    @Test
    void workDirectoryIsUnderTargetInAProject() throws Exception {
        RunMojo mojo = configured("");
        MavenProject project = new MavenProject();
        project.setFile(new File("/work/app/pom.xml"));
        project.getBuild().setDirectory("/work/app/target");
        mojo.project = project;

        assertEquals(Paths.get("/work/app/target/kafka-testenv"), mojo.definition().workDirectory());
    }

    @Test
    void workDirectoryPropertyWins() throws Exception {
        assertEquals(Paths.get("/var/tmp/kafka"),
                definition("", "kafka.testenv.workDirectory", "/var/tmp/kafka", "kafka.testenv.keepDirectory",
                        "true").workDirectory());
    }

    @Test
    void placementAndJavaHomeComeFromProperties() throws Exception {
        String javaHome = System.getProperty("java.home");
        ClusterDefinition definition = definition("", "kafka.testenv.kafkaVersion", "3.6.2");
        assertEquals(Placement.PROCESSES, definition.placement(), "a release without a bridge runs in processes");
        definition = definition("", "kafka.testenv.placement", "processes", "kafka.testenv.javaHome", javaHome);
        assertEquals(Placement.PROCESSES, definition.placement());
        assertEquals(Paths.get(javaHome), definition.javaHome());
        assertEquals(Placement.IN_JVM, definition("").placement());
    }

    @Test
    void skipDoesNothing() throws Exception {
        RunMojo mojo = configured("", "kafka.testenv.skip", "true", "kafka.testenv.mode", "bogus");

        mojo.execute(); // neither validates nor resolves: the mojo has no repository system to resolve with
    }

    @Nested
    @DisplayName("reports failure")
    class ReportsFailure {

        @Test
        void unknownModeNamingTheParameterAndItsProperty() {
            assertInvalid("Invalid parameter mode (-Dkafka.testenv.mode): Unknown mode 'bogus': use ZOOKEEPER"
                    + " (Kafka 3.x) or KRAFT (Kafka 3.3 and newer)", "kafka.testenv.mode", "bogus");
        }

        @Test
        void unsupportedVersion() {
            assertInvalid("Invalid parameter kafkaVersion (-Dkafka.testenv.kafkaVersion): Unsupported Kafka version"
                    + " '2.8.2': use a release from 3.0.0 to 4.x", "kafka.testenv.kafkaVersion", "2.8.2");
        }

        @Test
        void unknownPlacement() {
            assertInvalid("Invalid parameter placement (-Dkafka.testenv.placement): Unknown placement 'docker': use"
                    + " IN_JVM (Kafka 3.9.x and 4.x) or PROCESSES (any release from 3.0.0)",
                    "kafka.testenv.placement", "docker");
        }

        @Test
        void aReleaseWithoutABridgeInTheJvmNamesBothParameters() {
            assertInvalid("Invalid parameters placement (-Dkafka.testenv.placement), kafkaVersion"
                    + " (-Dkafka.testenv.kafkaVersion): Kafka 3.6.2 cannot run in the JVM",
                    "kafka.testenv.kafkaVersion", "3.6.2", "kafka.testenv.placement", "in-jvm");
        }

        @Test
        void aJavaHomeWithoutJava() {
            assertInvalid("Invalid parameter javaHome (-Dkafka.testenv.javaHome): Java home /nowhere has no bin/java",
                    "kafka.testenv.placement", "processes", "kafka.testenv.javaHome", "/nowhere");
        }

        @Test
        void zooKeeperModeOnKafka4NamesBothParameters() {
            assertInvalid("Invalid parameters mode (-Dkafka.testenv.mode), kafkaVersion (-Dkafka.testenv.kafkaVersion):"
                    + " ZooKeeper mode needs Kafka 3.x, but kafkaVersion is 4.4.0",
                    "kafka.testenv.kafkaVersion", "4.4.0", "kafka.testenv.mode", "zookeeper");
        }

        @Test
        void topicWhosePartitionsAreNotANumber() {
            assertInvalid("Invalid parameter topics (-Dkafka.testenv.topics): Invalid topic 'orders:x': partitions 'x'"
                    + " is not a number; use name[:partitions[:replicationFactor]], for example orders:3:1",
                    "kafka.testenv.topics", "orders:x");
        }

        @Test
        void illegalTopicName() {
            assertInvalid("Invalid parameter topics (-Dkafka.testenv.topics): Invalid topic name 'orders/v1'",
                    "kafka.testenv.topics", "orders/v1");
        }

        @Test
        void topicWithoutName() {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> configured("<topics><topic><partitions>3</partitions></topic></topics>").definition());
            assertEquals("Invalid parameter topics (-Dkafka.testenv.topics): A topic needs a name: use letters,"
                    + " digits, '.', '_' or '-'", failure.getMessage());
        }

        @Test
        void replicationFactorAboveBrokers() {
            assertInvalid("Invalid parameters topics (-Dkafka.testenv.topics), brokers (-Dkafka.testenv.brokers): Topic"
                    + " 'orders' has replication factor 3 but the cluster has 1 broker: lower its replicationFactor or"
                    + " raise brokers", "kafka.testenv.topics", "orders:3:3");
        }

        @Test
        void brokerCountOutOfRange() {
            assertInvalid("Invalid parameter brokers (-Dkafka.testenv.brokers): A cluster has 1 to 9 brokers, not 10",
                    "kafka.testenv.brokers", "10");
        }

        @Test
        void brokerPropertyWithoutEquals() {
            assertInvalid("Invalid parameter brokerProperties (-Dkafka.testenv.brokerProperties): Invalid broker"
                    + " property 'foo': write key=value, for example log.retention.ms=60000",
                    "kafka.testenv.brokerProperties", "log.retention.ms=60000,foo");
        }

        @Test
        void brokerPropertyGivenTwice() {
            assertInvalid("Invalid parameter brokerProperties (-Dkafka.testenv.brokerProperties): Broker property"
                    + " 'log.retention.ms' is given twice ('1' and '2'): give each property once",
                    "kafka.testenv.brokerProperties", "log.retention.ms=1,log.retention.ms=2");
        }

        @Test
        void brokerPropertyThatKafkaTestenvSets() {
            assertInvalid("Invalid parameter brokerProperties (-Dkafka.testenv.brokerProperties): Broker property"
                    + " 'broker.id' is set by kafka-testenv for each broker", "kafka.testenv.brokerProperties",
                    "broker.id=7");
        }

        @Test
        void brokerPortsPast65535() {
            assertInvalid("Invalid parameters brokerPort (-Dkafka.testenv.brokerPort), brokers"
                    + " (-Dkafka.testenv.brokers): Broker ports 65535..65537 run past 65535: choose a lower brokerPort",
                    "kafka.testenv.brokerPort", "65535", "kafka.testenv.brokers", "3", "kafka.testenv.mode", "kraft");
        }

        /** The message starts with {@code expected}; the cause is the engine's error, for the stack trace. */
        private void assertInvalid(String expected, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> definition("", properties));
            assertEquals(expected, failure.getMessage().substring(0, Math.min(expected.length(),
                    failure.getMessage().length())), failure.getMessage());
            assertInstanceOf(InvalidSettingException.class, failure.getCause());
        }
    }

    private static ClusterDefinition definition(String pomConfiguration, String... properties) throws Exception {
        return configured(pomConfiguration, properties).definition();
    }

    private static RunMojo configured(String pomConfiguration, String... properties) throws Exception {
        Map<String, String> userProperties = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            userProperties.put(properties[i], properties[i + 1]);
        }
        return GoalHarness.configure("run", pomConfiguration, userProperties);
    }
}
