package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * How long clusters and injected clients live, checked the way JUnit checks its own extensions: small test classes
 * run through the EngineTestKit, then what they saw is compared.
 */
class ClusterLifetimeTest {

    /** What each test case saw, by name. */
    static final Map<String, Object> seen = new ConcurrentHashMap<>();

    /** What the three classes sharing a cluster saw, run once, in parallel. */
    static final Map<String, Object> shared = new ConcurrentHashMap<>();
    static EngineExecutionResults sharedResults;

    @BeforeAll
    static void runThreeClassesWithEqualDeclarationsInParallel() {
        seen.clear();
        sharedResults = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(FirstTestCase.class), selectClass(SecondTestCase.class),
                        selectClass(FailingTestCase.class))
                .execute();
        shared.putAll(seen);
    }

    @Test
    void classesWithEqualDeclarationsShareOneClusterEvenInParallelAndItClosesWhenTheRunEnds() {
        sharedResults.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        KafkaCluster first = (KafkaCluster) shared.get("first");
        KafkaCluster second = (KafkaCluster) shared.get("second");
        assertNotNull(first);
        assertSame(first, second);
        assertEquals(first.bootstrapServers(), shared.get("second-servers"));
        assertEquals(Mode.KRAFT, first.mode());
        assertSame(first, shared.get("failing"), "the failing class shares it too");
        assertFalse(Files.exists(first.directory()), "the shared cluster is closed when the run ends");
    }

    @Test
    void injectedClientsAreClosedAfterTheirTestEvenWhenItFails() {
        assertEquals(List.of("on purpose"), TestKit.failures(sharedResults.testEvents()));
        @SuppressWarnings("unchecked")
        Producer<String, String> producer = (Producer<String, String>) shared.get("producer");
        assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>("lifecycle", "k", "v")));
        Consumer<?, ?> consumer = (Consumer<?, ?>) shared.get("consumer");
        assertThrows(IllegalStateException.class, () -> consumer.poll(Duration.ofMillis(1)));
        Admin admin = (Admin) shared.get("admin");
        assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFreshClusterIsTheClassOwnAndClosesAfterTheClass() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME,
                        ClassOrderer.OrderAnnotation.class.getName())
                .selectors(selectClass(FreshTestCase.class), selectClass(AfterFreshTestCase.class))
                .execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        KafkaCluster fresh = (KafkaCluster) seen.get("fresh");
        assertNotNull(fresh);
        assertEquals(Boolean.TRUE, seen.get("fresh-closed-before-next-class"),
                "a fresh cluster closes after its class, not when the run ends");
    }

    @Test
    void staticFieldsOfABaseClassAreFilledAgainForEachSubclass() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME,
                        ClassOrderer.OrderAnnotation.class.getName())
                .selectors(selectClass(SharedSubclassTestCase.class), selectClass(FreshSubclassTestCase.class))
                .execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertEquals(((KafkaCluster) seen.get("fresh-subclass")).bootstrapServers(), seen.get("fresh-subclass-servers"),
                "the second subclass gets its own cluster's address, not the first one's");
        assertEquals(Boolean.TRUE, seen.get("fresh-subclass-admin-works"), "and a live Admin, not the closed one");
    }

    /** A base class with static injected fields, as Spring Boot tests have for @DynamicPropertySource. */
    abstract static class StaticFieldsBase {
        @BootstrapServers
        static String servers;
        static Admin admin;

        void record(String name, KafkaCluster cluster) throws Exception {
            seen.put(name, cluster);
            seen.put(name + "-servers", servers);
            seen.put(name + "-admin-works", admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("lifecycle"));
        }
    }

    @Order(1)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "lifecycle"))
    static class SharedSubclassTestCase extends StaticFieldsBase {
        @Test
        void recordsWhatItGot(KafkaCluster cluster) throws Exception {
            record("shared-subclass", cluster);
        }
    }

    @Order(2)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "lifecycle"), freshCluster = true)
    static class FreshSubclassTestCase extends StaticFieldsBase {
        @Test
        void recordsWhatItGot(KafkaCluster cluster) throws Exception {
            record("fresh-subclass", cluster);
        }
    }

    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "lifecycle"))
    static class FirstTestCase {
        @Test
        void recordsItsCluster(KafkaCluster cluster) {
            seen.put("first", cluster);
        }
    }

    @EmbeddedKafka(topics = @Topic(name = "lifecycle"), mode = Mode.KRAFT)
    static class SecondTestCase {
        @Test
        void recordsItsCluster(KafkaCluster cluster, @BootstrapServers String servers) {
            seen.put("second", cluster);
            seen.put("second-servers", servers);
        }
    }

    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "lifecycle"))
    static class FailingTestCase {
        @Test
        void failsWithClientsOpen(KafkaCluster cluster, Producer<String, String> producer,
                                  @KafkaClient(topic = "lifecycle") Consumer<String, String> consumer, Admin admin) {
            seen.put("failing", cluster);
            seen.put("producer", producer);
            seen.put("consumer", consumer);
            seen.put("admin", admin);
            fail("on purpose");
        }
    }

    @Order(1)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "lifecycle"), freshCluster = true)
    static class FreshTestCase {
        @Test
        void recordsItsCluster(KafkaCluster cluster) {
            seen.put("fresh", cluster);
        }
    }

    @Order(2)
    static class AfterFreshTestCase {
        @Test
        void seesTheFreshClusterClosed() {
            Path directory = ((KafkaCluster) seen.get("fresh")).directory();
            seen.put("fresh-closed-before-next-class", !Files.exists(directory));
        }
    }
}
