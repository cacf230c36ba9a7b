package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
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
                "kafka.mode", "kraft", "kafka.brokers", "3", "kafka.topics", "orders:3:3");

        assertEquals(Mode.KRAFT, definition.mode());
        assertEquals(3, definition.brokers());
        assertEquals(List.of(new Topic("orders", 3, 3, Map.of())), definition.topics());
    }

    @Test
    void topicsPropertyTakesACommaSeparatedListWithDefaultsOfOne() throws Exception {
        ClusterDefinition definition = definition("", "kafka.topics", "orders:3, audit ,payments:2");

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

        assertEquals(expected, definition("", "kafka.brokerProperties",
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
        assertEquals(Mode.KRAFT, definition("", "kafka.version", "4.4.0").mode());
    }

    @Test
    void portsComeFromProperties() throws Exception {
        ClusterDefinition definition = definition("", "kafka.port", "0", "kafka.zookeeperPort", "0");

        assertEquals(0, definition.brokerPort());
        assertEquals(0, definition.zookeeperPort());
    }

    @Test
    void zooKeeperPortIsIgnoredInKRaftMode() throws Exception {
        ClusterDefinition definition = definition("",
                "kafka.mode", "kraft", "kafka.brokers", "3", "kafka.port", "2180");

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
                definition("", "kafka.workDirectory", "/var/tmp/kafka", "kafka.keepDirectory", "true").workDirectory());
    }

    @Test
    void skipDoesNothing() throws Exception {
        RunMojo mojo = configured("", "kafka.skip", "true", "kafka.mode", "bogus");

        mojo.execute(); // neither validates nor resolves: the mojo has no repository system to resolve with
    }

    @Nested
    @DisplayName("reports failure")
    class ReportsFailure {

        @Test
        void unknownModeWithTheEnginesMessage() {
            assertEngineMessage("Unknown mode 'bogus': use 'zookeeper' (Kafka 3.9.x) or 'kraft' (Kafka 3.9.x and 4.x)",
                    "kafka.mode", "bogus");
        }

        @Test
        void unsupportedVersion() {
            assertMessageStartsWith("Unsupported Kafka version '2.8.2': use 3.9.x", "kafka.version", "2.8.2");
        }

        @Test
        void zooKeeperModeOnKafka4() {
            assertMessageStartsWith("ZooKeeper mode needs Kafka 3.9.x, but the version is 4.4.0",
                    "kafka.version", "4.4.0", "kafka.mode", "zookeeper");
        }

        @Test
        void topicWhosePartitionsAreNotANumber() {
            assertEngineMessage("Invalid topic 'orders:x': partitions 'x' is not a number;"
                    + " use name[:partitions[:replicationFactor]], for example orders:3:1", "kafka.topics", "orders:x");
        }

        @Test
        void illegalTopicName() {
            assertMessageStartsWith("Invalid topic name 'orders/v1'", "kafka.topics", "orders/v1");
        }

        @Test
        void topicWithoutName() {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> configured("<topics><topic><partitions>3</partitions></topic></topics>").definition());
            assertEquals("A topic needs a name: use letters, digits, '.', '_' or '-'", failure.getMessage());
        }

        @Test
        void replicationFactorAboveBrokers() {
            assertEngineMessage("Topic 'orders' has replication factor 3 but the cluster has 1 broker:"
                    + " lower the replication factor or add brokers", "kafka.topics", "orders:3:3");
        }

        @Test
        void brokerCountOutOfRange() {
            assertEngineMessage("A cluster has 1 to 9 brokers, not 10", "kafka.brokers", "10");
        }

        @Test
        void brokerPropertyWithoutEquals() {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> definition("", "kafka.brokerProperties", "log.retention.ms=60000,foo"));
            assertEquals("Invalid broker property 'foo': write key=value, for example"
                    + " -Dkafka.brokerProperties=log.retention.ms=60000,num.io.threads=4",
                    failure.getMessage());
        }

        @Test
        void brokerPropertyGivenTwice() {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> definition("", "kafka.brokerProperties", "log.retention.ms=1,log.retention.ms=2"));
            assertEquals("Broker property 'log.retention.ms' is given twice ('1' and '2'): give each property once",
                    failure.getMessage());
        }

        @Test
        void brokerPropertyThatKafkaTestenvSets() {
            assertMessageStartsWith("Broker property 'broker.id' is set by kafka-testenv for each broker",
                    "kafka.brokerProperties", "broker.id=7");
        }

        @Test
        void brokerPortsPast65535() {
            assertMessageStartsWith("Broker ports 65535..65537 run past 65535",
                    "kafka.port", "65535", "kafka.brokers", "3", "kafka.mode", "kraft");
        }

        private void assertEngineMessage(String expected, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> definition("", properties));
            assertEquals(expected, failure.getMessage());
            assertInstanceOf(KafkaTestEnvException.class, failure.getCause());
        }

        private void assertMessageStartsWith(String expected, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> definition("", properties));
            assertEquals(expected, failure.getMessage().substring(0, Math.min(expected.length(),
                    failure.getMessage().length())), failure.getMessage());
            assertInstanceOf(KafkaTestEnvException.class, failure.getCause());
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
