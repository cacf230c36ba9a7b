package io.github.kafkatestenv.maven;

import static io.github.kafkatestenv.maven.ConsoleGoalSupport.capturingStdout;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.goal;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.producer;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.uniqueTopic;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.unusedPort;
import static io.github.kafkatestenv.maven.ConsoleGoalSupport.withStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.maven.ConsoleGoalSupport.CapturingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code consume} goal against a real cluster, fed by a plain producer or by the {@code produce} goal. */
class ConsumeGoalTest {

    private static KafkaCluster cluster;

    @TempDir
    Path directory;

    @BeforeAll
    static void startCluster() {
        cluster = ClusterDefinition.builder().topic(Topic.of("existing")).build().start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void printsValuesFromTheBeginningToStandardOutputAndStopsAtMaxMessages() throws Exception {
        String topic = topicWith("values", "a", "b", "c");
        CapturingLog log = new CapturingLog();

        String printed = capturingStdout(() ->
                consume(log, "kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "2").execute());

        assertEquals("a\nb\n", printed.replace(System.lineSeparator(), "\n"));
        assertEquals("Consumed 2 records from " + topic + " at " + cluster.bootstrapServers(),
                log.infos.get(log.infos.size() - 1));
    }

    @Test
    void withoutMaxMessagesExitsOnceNoRecordArrivesForTheTimeout() throws Exception {
        String topic = topicWith("idle", "a", "b", "c");

        assertEquals(List.of("a", "b", "c"), consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.timeout",
                "5s"));
    }

    @Test
    void fullFormatShowsPartitionOffsetTimestampKeyHeadersAndValue() throws Exception {
        String topic = createdTopic("full");
        long timestamp = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, 0, timestamp, "k1", "hello world",
                    List.of(new RecordHeader("h1", "v1".getBytes(StandardCharsets.UTF_8)),
                            new RecordHeader("h2", "v2".getBytes(StandardCharsets.UTF_8))))).get();
            producer.send(new ProducerRecord<String, String>(topic, 0, timestamp, null, null)).get();
        }

        assertEquals(List.of(
                "partition=0 offset=0 timestamp=2026-01-02T03:04:05.678Z key=k1 headers=[h1=v1, h2=v2]"
                        + " value=hello world",
                "partition=0 offset=1 timestamp=2026-01-02T03:04:05.678Z key=null headers=[] value=null"),
                consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "2", "kafka.testenv.format",
                        "FULL"));
    }

    @Test
    void fromTheEndSeesOnlyRecordsProducedAfterItStarted() throws Exception {
        String topic = topicWith("from-end", "old-1", "old-2");
        Path output = directory.resolve("from-end.txt");
        CapturingLog log = new CapturingLog(line -> line.startsWith("Reading " + topic + " from offsets"));
        ConsumeMojo mojo = consume(log, "kafka.testenv.topic", topic, "kafka.testenv.fromBeginning", "false",
                "kafka.testenv.maxMessages", "1", "kafka.testenv.outputFile", output.toString());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> consuming = executor.submit(() -> {
                mojo.execute();
                return null;
            });
            assertTrue(log.seen.await(30, TimeUnit.SECONDS), "the goal did not position itself: " + log.debugs);
            send(topic, "new-1");

            consuming.get(30, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }

        assertEquals(List.of("new-1"), Files.readAllLines(output));
        assertTrue(log.debugs.contains("Reading " + topic + " from offsets {0=2}"), log.debugs.toString());
    }

    @Test
    void withAGroupCommitsWhatItPrintedAndTheNextRunGoesOnFromThere() throws Exception {
        String topic = topicWith("group", "a", "b", "c");
        String group = uniqueTopic("group");

        assertEquals(List.of("a", "b"),
                consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.groupId", group,
                        "kafka.testenv.maxMessages", "2"));
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertEquals(Map.of(new TopicPartition(topic, 0), 2L), Map.of(new TopicPartition(topic, 0),
                    offsets.get(new TopicPartition(topic, 0)).offset()));
        }
        assertEquals(List.of("c"),
                consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.groupId", group,
                        "kafka.testenv.maxMessages", "1"));
    }

    @Test
    void withoutAGroupLeavesNoGroupBehind() throws Exception {
        String topic = topicWith("no-group", "a");
        Set<String> before = groups();

        assertEquals(List.of("a"), consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "1"));

        assertEquals(before, groups());
    }

    @Test
    void roundTripThroughTheProduceAndConsumeGoals() throws Exception {
        String topic = createdTopic("round-trip");
        withStdin("trace:1\torder-1|created\n\torder-2|paid\n", () -> goal("produce",
                new CapturingLog(), "kafka.testenv.bootstrap.servers", cluster.bootstrapServers(),
                        "kafka.testenv.topic", topic,
                "kafka.testenv.parseHeaders", "true", "kafka.testenv.keySeparator", "|").execute());

        List<String> lines = consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "2",
                "kafka.testenv.format", "full");

        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("partition=0 offset=0 timestamp=\\S+ key=order-1 headers=\\[trace=1]"
                + " value=created"), lines.get(0));
        assertTrue(lines.get(1).matches("partition=0 offset=1 timestamp=\\S+ key=order-2 headers=\\[] value=paid"),
                lines.get(1));
    }

    @Test
    void produceToAMissingTopicLeavesItToTheBrokerWhichCreatesIt() throws Exception {
        String topic = uniqueTopic("auto-created");
        CapturingLog log = new CapturingLog();

        withStdin("one\n", () -> goal("produce", log,
                "kafka.testenv.bootstrap.servers", cluster.bootstrapServers(), "kafka.testenv.topic", topic).execute());

        assertTrue(log.infos.get(0).startsWith("Topic " + topic + " does not exist at "), log.infos.toString());
        assertEquals(List.of("one"), consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "1"));
    }

    @Test
    void closesEveryClientItOpenedAlsoWhenItFails() throws Exception {
        String topic = topicWith("closed", "a");
        withStdin("b\n", () -> goal("produce", new CapturingLog(),
                "kafka.testenv.bootstrap.servers", cluster.bootstrapServers(), "kafka.testenv.topic", topic).execute());
        consumeToFile("kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "2", "kafka.testenv.groupId",
                uniqueTopic("closed"));
        assertThrows(MojoFailureException.class, () -> consumeToFile("kafka.testenv.topic", topic,
                "kafka.testenv.maxMessages", "3",
                "kafka.testenv.timeout", "3s"));
        assertThrows(MojoExecutionException.class, () -> consume(new CapturingLog(), "kafka.testenv.topic",
                "nope").execute());

        List<String> left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.contains("kafka-testenv-console-")) // the goals' client ids
                .toList();
        assertEquals(List.of(), left);
    }

    @Nested
    @DisplayName("reports failure")
    class ReportsFailure {

        @Test
        void fewerThanMaxMessagesWithinTheTimeoutListingWhatItSaw() throws Exception {
            String topic = topicWith("too-few", "a", "b");

            MojoFailureException failure = assertThrows(MojoFailureException.class, () -> consume(new CapturingLog(),
                    "kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "3", "kafka.testenv.timeout", "3s",
                    "kafka.testenv.outputFile", directory.resolve("too-few.txt").toString()).execute());

            assertEquals("Consumed 2 of 3 records from " + topic + " within 3 s at " + cluster.bootstrapServers()
                    + "; they were:\n  a\n  b", failure.getMessage());
            assertEquals(List.of("a", "b"), Files.readAllLines(directory.resolve("too-few.txt")));
        }

        @Test
        void noneWithinTheTimeoutFromTheEnd() throws Exception {
            String topic = topicWith("none", "old");

            MojoFailureException failure = assertThrows(MojoFailureException.class, () -> consume(new CapturingLog(),
                    "kafka.testenv.topic", topic, "kafka.testenv.maxMessages", "1", "kafka.testenv.timeout", "3s",
                    "kafka.testenv.fromBeginning", "false").execute());

            assertEquals("Consumed 0 of 1 records from " + topic + " within 3 s at " + cluster.bootstrapServers()
                    + "; none arrived. Check that something produces to it (fromBeginning is false: only records"
                    + " produced after the goal started count), or raise -Dkafka.testenv.timeout",
                    failure.getMessage());
        }

        @Test
        void topicThatDoesNotExistListingTheTopicsThereAre() {
            assertMessageMatches("Topic nope does not exist at " + cluster.bootstrapServers().replace(".", "\\.")
                    + "; its topics are (.+, )?existing(, .+)?\\. Check the name, or create the topic \\(parameter"
                    + " topics"
                    + " of kafka:start or kafka:run\\)", "kafka.testenv.topic", "nope");
        }

        @Test
        void unreachableCluster() throws Exception {
            String servers = "127.0.0.1:" + unusedPort();
            assertMessageMatches("Cannot reach Kafka at " + servers.replace(".", "\\.") + " within 1 s: .*",
                    "kafka.testenv.topic", "existing", "kafka.testenv.bootstrap.servers", servers,
                            "kafka.testenv.timeout", "1");
        }

        @Test
        void missingTopic() {
            assertMessageMatches("No topic given: kafka:consume needs one, for example"
                    + " -Dkafka\\.testenv\\.topic=orders or"
                    + " <topic>orders</topic>");
        }

        @Test
        void unknownFormat() {
            assertMessageMatches("Unknown format 'json': use 'value' or 'full', for example"
                    + " -Dkafka\\.testenv\\.format=full",
                    "kafka.testenv.topic", "existing", "kafka.testenv.format", "json");
        }

        @Test
        void negativeMaxMessages() {
            assertMessageMatches("Invalid maxMessages -1: give at least 1, or leave it unset to read until no record"
                    + " arrives for the timeout", "kafka.testenv.topic", "existing", "kafka.testenv.maxMessages", "-1");
        }

        @Test
        void consumerPropertyWithoutEquals() {
            assertMessageMatches("Invalid consumerProperties entry '=earliest': write key=value, for example"
                    + " -Dkafka\\.testenv\\.consumerProperties=isolation\\.level=read_committed",
                    "kafka.testenv.topic", "existing", "kafka.testenv.consumerProperties", "=earliest");
        }

        @Test
        void consumerPropertyThatTheGoalSets() {
            assertMessageMatches("consumerProperties sets 'auto\\.offset\\.reset', which this goal sets itself: use"
                    + " -Dkafka\\.testenv\\.fromBeginning", "kafka.testenv.topic", "existing",
                    "kafka.testenv.consumerProperties", "auto.offset.reset=latest");
        }

        private void assertMessageMatches(String regex, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> consume(new CapturingLog(), properties).execute());
            assertTrue(failure.getMessage().matches(regex), failure.getMessage());
        }
    }

    /** Runs the goal into an output file and returns its lines. */
    private List<String> consumeToFile(String... properties) throws Exception {
        Path output = Files.createTempFile(directory, "consumed", ".txt");
        List<String> all = new ArrayList<>(List.of(properties));
        all.addAll(List.of("kafka.testenv.outputFile", output.toString()));
        consume(new CapturingLog(), all.toArray(String[]::new)).execute();
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    private static ConsumeMojo consume(CapturingLog log, String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of(properties));
        if (!all.contains("kafka.testenv.bootstrap.servers")) {
            all.addAll(List.of("kafka.testenv.bootstrap.servers", cluster.bootstrapServers()));
        }
        return goal("consume", log, all.toArray(String[]::new));
    }

    private static String createdTopic(String prefix) {
        String topic = uniqueTopic(prefix);
        cluster.createTopic(Topic.of(topic));
        return topic;
    }

    private static String topicWith(String prefix, String... values) throws Exception {
        String topic = createdTopic(prefix);
        send(topic, values);
        return topic;
    }

    private static void send(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return Admin.create(config);
    }

    private static Set<String> groups() throws Exception {
        try (Admin admin = admin()) {
            return Set.copyOf(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList());
        }
    }
}
