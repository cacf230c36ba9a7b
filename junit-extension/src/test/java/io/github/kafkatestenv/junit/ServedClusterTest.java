package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.internal.ClusterServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The build's cluster serves the test JVM ({@code kafka.testenv.clusters}): this module's shared cluster plays the
 * one {@code kafka:start} serves, served from this JVM as the plugin serves it from Maven's, and small test classes
 * run through the EngineTestKit with the address set as surefire would pass it.
 */
@SharedKafka
class ServedClusterTest {

    static final Map<String, Object> seen = new ConcurrentHashMap<>();
    /** The served cluster as its owner sees it, for the test cases. */
    static KafkaCluster owner;

    @Test
    void classesWithTheServedSettingsRunOnItWithTheirTopicsAndTheWholeHandleOthersStartTheirOwn(
            KafkaCluster shared, Admin admin) throws Exception {
        seen.clear();
        owner = shared;
        admin.createTopics(List.of(new NewTopic("made-elsewhere", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        EngineExecutionResults results;
        String notes;
        try (ClusterServer server = ClusterServer.serve(shared)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream previous = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                results = run(server.address(), null, AttachedTestCase.class, SpringAttachedTestCase.class,
                        SameTopicElsewhereTestCase.class, ConflictsWithTheBuildTestCase.class,
                        ConflictsWithAnotherJvmTestCase.class, OtherModeTestCase.class, OtherModeTwinTestCase.class);
            } finally {
                System.setErr(previous);
            }
            notes = err.toString(StandardCharsets.UTF_8);
        }

        assertEquals(List.of(), TestKit.failures(results.testEvents()));
        results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
        assertEquals(List.of(
                "@EmbeddedKafka on " + ConflictsWithTheBuildTestCase.class.getName() + " declares topic 'orders' with"
                        + " 1 partition and replication factor 1, but on the cluster the build serves"
                        + " (kafka.testenv.clusters, bootstrap servers " + shared.bootstrapServers() + ") it exists"
                        + " with 3 partitions and replication factor 1, as the build's declaration of the cluster"
                        + " declared it: declare it the same way in both, or use another name",
                "@EmbeddedKafka on " + ConflictsWithAnotherJvmTestCase.class.getName() + " declares topic"
                        + " 'made-elsewhere' with 3 partitions and replication factor 1, but on the cluster the build"
                        + " serves (kafka.testenv.clusters, bootstrap servers " + shared.bootstrapServers() + ") it"
                        + " exists with 2 partitions and replication factor 1, as another test JVM of the build"
                        + " declared it: declare it the same way in both, or use another name"),
                TestKit.failures(results.containerEvents()));

        KafkaCluster attached = (KafkaCluster) seen.get("cluster");
        assertNotSame(shared, attached, "a handle of its own, attached");
        assertEquals(shared.bootstrapServers(), attached.bootstrapServers());
        assertEquals(shared.bootstrapServers(), seen.get("servers"));
        assertEquals(Boolean.FALSE, seen.get("owner-saw-broker-stopped-running"), "stopBroker reached the owner");
        assertTrue(shared.isRunning(0), "and startBroker too");
        assertEquals(2, admin.describeTopics(List.of("attached")).all().get(30, TimeUnit.SECONDS)
                .get("attached").partitions().size(), "the class's topic was created there, and stays");

        assertEquals(shared.bootstrapServers(), seen.get("spring.kafka.bootstrap-servers"), "Spring: the same cluster");
        assertSame(attached, seen.get("spring-bean"), "the KafkaCluster bean is the attached handle");

        String otherServers = (String) seen.get("other-mode");
        assertNotEquals(shared.bootstrapServers(), otherServers, "another mode: a cluster of its own");
        assertEquals(otherServers, seen.get("other-mode-twin"), "shared by classes with that declaration");
        assertFalse(Files.exists((java.nio.file.Path) seen.get("other-mode-directory")), "and closed after the run");
        String note = "kafka-testenv: @EmbeddedKafka on " + OtherModeTestCase.class.getName() + " starts a cluster of"
                + " its own: no cluster the build serves (kafka.testenv.clusters) matches its declaration: the one at "
                + shared.bootstrapServers() + " differs in mode (served ZOOKEEPER, declared KRAFT). Declare the same"
                + " settings (topics may differ) to run on the build's cluster";
        assertEquals(List.of(note), notes.lines().filter(line -> line.startsWith("kafka-testenv:")).toList(),
                "said once, for both classes");
        assertTrue(shared.isRunning(0), "the served cluster still runs after the run let go of it");
    }

    @Test
    void anExistingClusterThatIsAServedOneIsAttachedToByTheClassesWithItsSettings(KafkaCluster shared) {
        seen.clear();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EngineExecutionResults results;
        try (ClusterServer server = ClusterServer.serve(shared)) {
            PrintStream previous = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                results = run(server.address(), "localhost:" + shared.brokers().get(0).port(),
                        ClusterOnlyTestCase.class, OtherModeOnExistingTestCase.class);
            } finally {
                System.setErr(previous);
            }
        }

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).skipped(1));
        assertEquals(shared.bootstrapServers(), ((KafkaCluster) seen.get("cluster-only")).bootstrapServers(),
                "not skipped for want of a KafkaCluster: the served cluster's handle");
        assertTrue(((String) seen.get("prefixed")).matches("kafka-testenv-[0-9a-f]{8}-prefixed"),
                "a class without its settings runs against it as an existing cluster, as it did before");
        assertEquals(List.of("kafka-testenv: @EmbeddedKafka on " + OtherModeOnExistingTestCase.class.getName()
                        + " runs against the cluster kafka.testenv.bootstrap.servers names as an existing cluster"
                        + " (prefixed topics, no KafkaCluster): no cluster the build serves (kafka.testenv.clusters)"
                        + " matches its declaration: the one at " + shared.bootstrapServers() + " differs in mode"
                        + " (served ZOOKEEPER, declared KRAFT). Declare the same settings (topics may differ) to run on"
                        + " the build's cluster"),
                err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("kafka-testenv:"))
                        .toList());
    }

    @Test
    void aServedClusterThatIsGoneFailsTheClassNamingTheProperty(KafkaCluster shared) {
        String address;
        try (ClusterServer server = ClusterServer.serve(shared)) {
            address = server.address();
        }
        List<String> failures = TestKit.failures(run(address, null, ClusterOnlyTestCase.class).containerEvents());
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).startsWith("Cannot use the cluster the build serves at " + address
                + " (kafka.testenv.clusters): Cannot reach the cluster at " + address), failures.get(0));
        assertTrue(failures.get(0).endsWith(". The build that set kafka.testenv.clusters must still run it; outside"
                + " that build, leave the property out"), failures.get(0));
    }

    private static EngineExecutionResults run(String clusters, String bootstrapServers, Class<?>... classes) {
        System.setProperty(EmbeddedKafka.CLUSTERS_PROPERTY, clusters);
        if (bootstrapServers != null) {
            System.setProperty(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, bootstrapServers);
        }
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME,
                            ClassOrderer.OrderAnnotation.class.getName())
                    .selectors(java.util.Arrays.stream(classes).map(type -> selectClass(type))
                            .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                    .execute();
        } finally {
            System.clearProperty(EmbeddedKafka.CLUSTERS_PROPERTY);
            System.clearProperty(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY);
        }
    }

    /** The served cluster's settings, other topics. */
    @Order(1)
    @EmbeddedKafka(topics = {@Topic(name = "attached", partitions = 2), @Topic(name = "orders", partitions = 3)})
    static class AttachedTestCase {
        @Test
        void runsOnTheServedCluster(KafkaCluster cluster, @BootstrapServers String servers,
                                    Producer<String, String> producer,
                                    @KafkaClient(topic = "attached") Consumer<String, String> consumer)
                throws Exception {
            seen.put("cluster", cluster);
            seen.put("servers", servers);
            cluster.stopBroker(0);
            seen.put("owner-saw-broker-stopped-running", owner.isRunning(0));
            cluster.startBroker(0);
            Records.send(producer, new ProducerRecord<>("attached", "k", "after a restart"), Duration.ofSeconds(30));
            assertEquals("after a restart", Records.read(consumer, 1, Duration.ofSeconds(30)).get(0).value());
        }
    }

    @Order(2)
    @SpringJUnitConfig
    @EmbeddedKafka(topics = @Topic(name = "attached", partitions = 2))
    static class SpringAttachedTestCase {
        @Test
        void getsTheServedCluster(@Autowired ApplicationContext context) {
            seen.put("spring.kafka.bootstrap-servers",
                    context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"));
            seen.put("spring-bean", context.getBean(KafkaCluster.class));
        }

        @org.springframework.context.annotation.Configuration
        static class Config {
        }
    }

    /** A topic another test JVM of the build created, declared the same. */
    @Order(3)
    @EmbeddedKafka(topics = @Topic(name = "made-elsewhere", partitions = 2))
    static class SameTopicElsewhereTestCase {
        @Test
        void runs(@TopicName("made-elsewhere") String topic) {
            assertEquals("made-elsewhere", topic);
        }
    }

    @Order(4)
    @EmbeddedKafka(topics = @Topic(name = "orders"))
    static class ConflictsWithTheBuildTestCase {
        @Test
        void never() {
        }
    }

    @Order(5)
    @EmbeddedKafka(topics = @Topic(name = "made-elsewhere", partitions = 3))
    static class ConflictsWithAnotherJvmTestCase {
        @Test
        void never() {
        }
    }

    @Order(6)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "attached", partitions = 2))
    static class OtherModeTestCase {
        @Test
        void startsItsOwn(KafkaCluster cluster) {
            seen.put("other-mode", cluster.bootstrapServers());
            seen.put("other-mode-directory", cluster.directory());
        }
    }

    @Order(7)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "attached", partitions = 2))
    static class OtherModeTwinTestCase {
        @Test
        void sharesIt(@BootstrapServers String servers) {
            seen.put("other-mode-twin", servers);
        }
    }

    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "prefixed"))
    static class OtherModeOnExistingTestCase {
        @Test
        void runsOnPrefixedTopics(@TopicName("prefixed") String topic) {
            seen.put("prefixed", topic);
        }

        @Test
        void isSkipped(KafkaCluster cluster) {
        }
    }

    @EmbeddedKafka
    static class ClusterOnlyTestCase {
        @Test
        void getsTheCluster(KafkaCluster cluster) {
            seen.put("cluster-only", cluster);
        }
    }
}
