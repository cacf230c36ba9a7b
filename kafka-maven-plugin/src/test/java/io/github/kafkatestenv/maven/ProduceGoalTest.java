package io.github.kafkatestenv.maven;

import static io.github.kafkatestenv.maven.ConsoleGoalSupport.goal;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.read;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.uniqueTopic;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.unusedPort;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.withStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.maven.ConsoleGoalSupport.CapturingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code produce} goal against a real cluster, read back with a plain consumer. */
class ProduceGoalTest {

    private static KafkaCluster cluster;

    @TempDir
    Path directory;

    @BeforeAll
    static void startCluster() {
        cluster = ClusterDefinition.builder()
                // The engine keeps Kafka's default (true); ConsumeGoalTest shows a missing topic created on the fly.
                .brokerProperty("auto.create.topics.enable", "false")
                // The failure test's topic: it rejects records above 200 bytes.
                .topic(Topic.of("small-records").withConfig("max.message.bytes", "200"))
                .build().start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sendsEachLineOfAFileAsAValueAndEmptyLinesAsEmptyValues() throws Exception {
        String topic = createdTopic("lines");
        Path file = Files.writeString(directory.resolve("lines.txt"), "first\n\nthird: ünïcode\n");
        CapturingLog log = new CapturingLog();

        produce(log, "kafka.testenv.topic", topic, "kafka.testenv.file", file.toString()).execute();

        List<ConsumerRecord<String, String>> records = read(cluster.bootstrapServers(), topic, 3);
        assertEquals(List.of("first", "", "third: ünïcode"), values(records));
        assertNull(records.get(0).key());
        assertEquals(0, records.get(0).headers().toArray().length);
        assertTrue(log.infos.get(log.infos.size() - 1).matches("Produced 3 records to " + topic + " at "
                + cluster.bootstrapServers() + " \\(3 acknowledged\\) in \\d+\\.\\d s"), log.infos.toString());
    }

    @Test
    void readsStandardInputWithKeysParsedHeadersAndConstantHeaders() throws Exception {
        String topic = createdTopic("stdin");

        withStdin("h1:v1,h2:v2\torder-1=created\n\torder-2=paid=in full\n", () ->
                produce(new CapturingLog(), "kafka.testenv.topic", topic, "kafka.testenv.keySeparator", "=",
                        "kafka.testenv.parseHeaders", "true", "kafka.testenv.headers", "source=cli,env=dev").execute());

        List<ConsumerRecord<String, String>> records = read(cluster.bootstrapServers(), topic, 2);
        assertEquals(List.of("order-1", "order-2"), records.stream().map(ConsumerRecord::key).toList());
        assertEquals(List.of("created", "paid=in full"), values(records));
        assertEquals(List.of("h1=v1", "h2=v2", "source=cli", "env=dev"), headers(records.get(0)));
        assertEquals(List.of("source=cli", "env=dev"), headers(records.get(1)));
    }

    @Test
    void separatorsTakeBackslashTAsATab() throws Exception {
        String topic = createdTopic("tabs");

        withStdin("k1\tv1\n", () -> produce(new CapturingLog(), "kafka.testenv.topic", topic,
                "kafka.testenv.keySeparator", "\\t").execute());

        ConsumerRecord<String, String> record = read(cluster.bootstrapServers(), topic, 1).get(0);
        assertEquals("k1", record.key());
        assertEquals("v1", record.value());
    }

    @Test
    void findsTheClusterThatKafkaStartPublishedInThisBuild() throws Exception {
        String topic = createdTopic("published");
        ProduceMojo mojo = produce(new CapturingLog(), "kafka.testenv.topic", topic, "kafka.testenv.clusterName",
                "orders");
        mojo.project = new MavenProject();
        mojo.project.getProperties().setProperty("kafka.testenv.orders.bootstrap.servers", cluster.bootstrapServers());

        withStdin("via the published property\n", mojo::execute);

        assertEquals(List.of("via the published property"), values(read(cluster.bootstrapServers(), topic, 1)));
    }

    @Test
    void takesTheClusterAndItsSettingsFromAClientPropertiesFileButKeepsItsOwn() throws Exception {
        String topic = createdTopic("client-properties");
        Path settings = Files.writeString(directory.resolve("client.properties"), "bootstrap.servers="
                + cluster.bootstrapServers() + "\nsecurity.protocol=PLAINTEXT\n"
                + "key.serializer=org.apache.kafka.common.serialization.StringSerializer\n");
        CapturingLog log = new CapturingLog();

        withStdin("via the file\n", () -> goal("produce", log, "kafka.testenv.topic", topic,
                "kafka.testenv.client.properties", settings.toString()).execute());

        assertEquals(List.of("via the file"), values(read(cluster.bootstrapServers(), topic, 1)));
        assertEquals("Not taking key.serializer from " + settings + ": kafka:produce sets it itself",
                log.infos.get(0));
    }

    @Nested
    @DisplayName("reports failure")
    class ReportsFailure {

        @Test
        void clientPropertiesFileThatDoesNotExist() {
            assertMessage("Cannot read the client properties file /no/such/client.properties"
                    + " (-Dkafka.testenv.client.properties): it does not exist or is not a file. Give an existing"
                    + " file with -Dkafka.testenv.client.properties=path", "kafka.testenv.topic", "orders",
                    "kafka.testenv.client.properties", "/no/such/client.properties");
        }

        @Test
        void lineWithoutKeySeparatorNamingTheLine() throws Exception {
            String topic = createdTopic("no-separator");

            MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> withStdin(
                    "a:1\nb:2\njust a value\nc:3\n", () -> produce(new CapturingLog(), "kafka.testenv.topic", topic,
                            "kafka.testenv.keySeparator", ":").execute()));

            assertEquals("Line 3 has no key separator ':': 'just a value'. Write every line as key:value, or"
                    + " change the separators (keySeparator, parseHeaders). Records acknowledged before"
                    + " that line: 2", failure.getMessage());
            assertEquals(List.of("1", "2"), values(read(cluster.bootstrapServers(), topic, 2)));
        }

        @Test
        void lineWithoutHeadersDelimiter() {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> withStdin(
                    "h1:v1 value\n", () -> produce(new CapturingLog(), "kafka.testenv.topic",
                            createdTopic("no-delimiter"), "kafka.testenv.parseHeaders", "true").execute()));

            assertTrue(failure.getMessage().startsWith("Line 1 has no headers delimiter '\\t': 'h1:v1 value'."),
                    failure.getMessage());
        }

        @Test
        void sendsThatTheBrokerRejectsWithHowManyAndTheFirstError() {
            String tooLarge = "x".repeat(1000);

            MojoFailureException failure = assertThrows(MojoFailureException.class, () -> withStdin(
                    "small\n" + tooLarge + "\n" + tooLarge + "\n",
                    () -> produce(new CapturingLog(), "kafka.testenv.topic", "small-records",
                            "kafka.testenv.timeout", "5",
                            // One record a request, so that the broker rejects the large ones only.
                            "kafka.testenv.producerProperties", "batch.size=0").execute()));

            assertTrue(failure.getMessage().startsWith("2 of 3 records to small-records at "
                    + cluster.bootstrapServers() + " failed within 5 s; the first error:"
                    + " org.apache.kafka.common.errors.RecordTooLargeException"), failure.getMessage());
        }

        @Test
        void missingTopicThatTheBrokerDoesNotCreateAtTheFirstLine() {
            String topic = uniqueTopic("missing");
            CapturingLog log = new CapturingLog();

            MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> withStdin("a\nb\nc\n",
                    () -> produce(log, "kafka.testenv.topic", topic, "kafka.testenv.timeout", "3s").execute()));

            assertEquals("Cannot send line 1 to " + topic + ": Topic " + topic + " not present in metadata after 3000"
                    + " ms. Create the topic first (parameter topics of kafka:start or kafka:run), or let the broker"
                    + " create"
                    + " it (auto.create.topics.enable=true)", failure.getMessage());
            assertEquals(List.of("Topic " + topic + " does not exist at " + cluster.bootstrapServers() + ": the broker"
                    + " creates it if its auto.create.topics.enable is true (Kafka's default), else the sends fail"),
                    log.infos);
        }

        @Test
        void unreachableClusterWithinTheTimeoutNamingTheServers() throws Exception {
            String servers = "127.0.0.1:" + unusedPort();
            long started = System.nanoTime();

            MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> produce(
                    new CapturingLog(), "kafka.testenv.topic", "orders", "kafka.testenv.bootstrap.servers", servers,
                    "kafka.testenv.timeout", "2s").execute());

            assertTrue(failure.getMessage().startsWith("Cannot reach Kafka at " + servers + " within 2 s: check that"
                    + " a cluster runs there (mvn kafka:run, or kafka:start earlier in this build)"),
                    failure.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(15)) < 0);
        }

        @Test
        void missingTopic() {
            assertMessage("No topic given: kafka:produce needs one, for example -Dkafka.testenv.topic=orders or"
                    + " <topic>orders</topic>");
        }

        @Test
        void bootstrapServersWithoutPort() {
            assertMessage("Invalid bootstrap server 'localhost' in 'localhost': write host:port[,host:port...], for"
                    + " example -Dkafka.testenv.bootstrap.servers=127.0.0.1:9092", "kafka.testenv.topic", "orders",
                    "kafka.testenv.bootstrap.servers", "localhost");
        }

        @Test
        void unresolvableBootstrapServer() {
            assertMessageStartsWith("Cannot create a Kafka client for no-such-host.invalid:9092: No resolvable"
                    + " bootstrap urls given in bootstrap.servers", "kafka.testenv.topic", "orders",
                    "kafka.testenv.bootstrap.servers", "no-such-host.invalid:9092");
        }

        @Test
        void clusterNameThatNoStartPublished() {
            assertMessage("No Kafka cluster named 'audit' was started in this build:"
                    + " kafka.testenv.audit.bootstrap.servers is not set. Run kafka:start with"
                    + " <clusterName>audit</clusterName> before this goal, or give"
                    + " -Dkafka.testenv.bootstrap.servers=host:port", "kafka.testenv.topic", "orders",
                    "kafka.testenv.clusterName", "audit");
        }

        @Test
        void producerPropertyWithoutEquals() {
            assertMessage("Invalid producerProperties entry 'linger.ms': write key=value, for example"
                    + " -Dkafka.testenv.producerProperties=compression.type=zstd", "kafka.testenv.topic", "orders",
                    "kafka.testenv.producerProperties", "linger.ms");
        }

        @Test
        void producerPropertyThatTheGoalSets() {
            assertMessage("producerProperties sets 'acks', which this goal sets itself: use -Dkafka.testenv.acks",
                    "kafka.testenv.topic", "orders", "kafka.testenv.producerProperties", "acks=1");
        }

        @Test
        void headerWithoutEquals() {
            assertMessage("Invalid headers entry 'source': write key=value, for example"
                    + " -Dkafka.testenv.headers=source=cli",
                    "kafka.testenv.topic", "orders", "kafka.testenv.headers", "source");
        }

        @Test
        void fileThatDoesNotExist() {
            assertMessage("Cannot read the file /no/such/file.txt: it does not exist or is not a file. Give an existing"
                    + " file with -Dkafka.testenv.file=path, or leave it unset to read standard input",
                    "kafka.testenv.topic", "orders", "kafka.testenv.file", "/no/such/file.txt");
        }

        @Test
        void badTimeout() {
            assertMessage("Invalid timeout 'soon': write a positive number of seconds (10), a number with a unit"
                    + " (500ms, 10s, 2m) or an ISO-8601 duration (PT10S)", "kafka.testenv.topic", "orders",
                    "kafka.testenv.timeout", "soon");
        }

        @Test
        void headersDelimiterEqualToKeySeparator() {
            assertMessage("headersDelimiter and keySeparator are both '\\t': a line could not say where the headers"
                    + " end. Give them different values, e.g. -Dkafka.testenv.keySeparator=:", "kafka.testenv.topic",
                    "orders",
                    "kafka.testenv.parseHeaders", "true", "kafka.testenv.keySeparator", "\\t");
        }

        @Test
        void unknownAcks() {
            assertMessageStartsWith("Cannot create a Kafka client for " + cluster.bootstrapServers()
                    + ": Invalid value most for configuration acks", "kafka.testenv.topic", "orders",
                    "kafka.testenv.bootstrap.servers", cluster.bootstrapServers(), "kafka.testenv.acks", "most");
        }

        private void assertMessage(String expected, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> produce(new CapturingLog(), properties).execute());
            assertEquals(expected, failure.getMessage());
        }

        private void assertMessageStartsWith(String expected, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> withStdin("", () -> produce(new CapturingLog(), properties).execute()));
            assertTrue(failure.getMessage().startsWith(expected), failure.getMessage());
        }
    }

    private static ProduceMojo produce(CapturingLog log, String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of(properties));
        if (!all.contains("kafka.testenv.bootstrap.servers") && !all.contains("kafka.testenv.clusterName")) {
            all.addAll(List.of("kafka.testenv.bootstrap.servers", cluster.bootstrapServers()));
        }
        return goal("produce", log, all.toArray(String[]::new));
    }

    private static String createdTopic(String prefix) {
        String topic = uniqueTopic(prefix);
        cluster.createTopic(Topic.of(topic));
        return topic;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static List<String> headers(ConsumerRecord<String, String> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
