package io.github.kafkatestenv.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Topic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of the engine alone sees on a fresh machine: {@code kafkaVersion("3.9.1")}, a release the engine has
 * no runtime list for, and no {@code runtimeClasspath}. The engine resolves it through the settings' mirror (served
 * on 127.0.0.1 from the build's own repository) into an empty local repository, says so on stderr, and the cluster
 * runs.
 */
class ReleaseNotBuiltInTest {

    /** Set by the build (root pom: kafka-not-built-in.version), which puts its runtime in the build's repository. */
    private static final String RELEASE = Objects.requireNonNull(System.getProperty("kafka.testenv.test.notBuiltIn"),
            "-Dkafka.testenv.test.notBuiltIn=<a Kafka release without a runtime list in the engine>");
    private static final Path BUILD_REPOSITORY = MavenEnvironment.current().localRepository();

    @TempDir
    Path directory;

    @Test
    void aClusterOfAReleaseNotBuiltInStartsFromJarsTheEngineResolved() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (RepositoryServer repository = RepositoryServer.serving(BUILD_REPOSITORY);
             MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", repository.url()))) {
            ClusterDefinition definition = ClusterDefinition.builder().kafkaVersion(RELEASE)
                    .workDirectory(directory.resolve("work")).topic(Topic.parse("orders:2:1")).build();
            KafkaCluster cluster;
            long start = System.nanoTime();
            System.setErr(new PrintStream(shown, true, StandardCharsets.UTF_8));
            try {
                cluster = definition.start();
            } finally {
                System.setErr(stderr);
            }
            try (cluster) {
                System.out.printf("Kafka %s resolved into an empty repository and started in %.1f s%n", RELEASE,
                        (System.nanoTime() - start) / 1e9);
                roundTrip(cluster.bootstrapServers());
            }

            String progress = shown.toString(StandardCharsets.UTF_8);
            System.out.print(progress);
            assertTrue(progress.contains("kafka-testenv: downloading the Kafka " + RELEASE + " runtime from corp ("
                    + repository.url() + ")"), progress);
            assertTrue(progress.contains("kafka-testenv: Kafka " + RELEASE + " runtime downloaded: "), progress);
            String jar = "org/apache/kafka/kafka_2.13/" + RELEASE + "/kafka_2.13-" + RELEASE + ".jar";
            assertTrue(Files.isRegularFile(sandbox.localRepository().resolve(jar)), "in the fresh local repository");
            assertTrue(repository.requests().contains("GET /maven2/" + jar), "the mirror served it");
        }
    }

    /** A keyed record there and back with the test's own kafka-clients (another version than the broker's). */
    private static void roundTrip(String bootstrapServers) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("orders", "o-1", "created")).get();
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "orders-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("orders"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        assertEquals(1, records.size(), "records read back");
        assertEquals("o-1", records.get(0).key());
        assertEquals("created", records.get(0).value());
    }
}
