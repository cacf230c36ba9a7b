package io.github.kafkatestenv.junit.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A Spring test with {@code @EmbeddedKafka} and nothing else gets its cluster before Spring builds the context:
 * with either test instance lifecycle, with the annotations in either order, in {@code @Nested} classes, on shared
 * and fresh clusters. Spring's context cache keeps one context per cluster, and each context closes before its
 * cluster. The classes run through the EngineTestKit and record what they saw.
 */
class SpringLifecycleTest {

    /** What each test case saw, by name: the context, the Spring properties, the cluster. */
    static final Map<String, Seen> seen = new ConcurrentHashMap<>();

    record Seen(ConfigurableApplicationContext context, String springServers, String consumerServers,
                String embeddedBrokers, String clusterServers, KafkaCluster autowired) {
    }

    @BeforeAll
    static void runTheMatrix() {
        seen.clear();
        ClusterWatcher.reachableAtClose.clear();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PerMethodSpringFirst.class), selectClass(PerMethodOursFirst.class),
                        selectClass(PerClassSpringFirst.class), selectClass(PerClassOursFirst.class),
                        selectClass(Outer.class), selectClass(FreshPerClass.class), selectClass(OtherCluster.class))
                .execute()
                .testEvents().assertStatistics(stats -> stats.started(8).succeeded(8));
    }

    @Test
    void everyLifecycleAndOrderGetsTheClusterBeforeTheContextIsBuilt() {
        for (String name : List.of("PerMethodSpringFirst", "PerMethodOursFirst", "PerClassSpringFirst",
                "PerClassOursFirst", "Outer", "Inner", "FreshPerClass", "OtherCluster")) {
            Seen what = seen.get(name);
            assertNotNull(what, name);
            assertEquals(what.clusterServers(), what.springServers(), name + ": spring.kafka.bootstrap-servers");
            assertEquals(what.clusterServers(), what.consumerServers(), name + ": per-client servers too");
            assertEquals(what.clusterServers(), what.embeddedBrokers(), name + ": spring.embedded.kafka.brokers");
            assertEquals(what.clusterServers(), what.autowired().bootstrapServers(), name + ": @Autowired cluster");
        }
    }

    @Test
    void classesOnTheSharedClusterShareOneContextAndOthersGetTheirOwn() {
        ConfigurableApplicationContext shared = seen.get("PerMethodSpringFirst").context();
        for (String name : List.of("PerMethodOursFirst", "PerClassSpringFirst", "PerClassOursFirst",
                "Outer", "Inner")) {
            assertSame(shared, seen.get(name).context(), name + " shares the context of its cluster");
        }
        assertNotEquals(shared, seen.get("FreshPerClass").context(), "a fresh cluster gets its own context");
        assertNotEquals(shared, seen.get("OtherCluster").context(), "another declaration gets its own context");
        assertNotEquals(seen.get("PerMethodSpringFirst").clusterServers(), seen.get("FreshPerClass").clusterServers());
        assertNotEquals(seen.get("PerMethodSpringFirst").clusterServers(), seen.get("OtherCluster").clusterServers());
    }

    @Test
    void everyContextClosesBeforeItsClusterAndNothingIsLeft() {
        for (String name : List.of("PerMethodSpringFirst", "FreshPerClass", "OtherCluster")) {
            Seen what = seen.get(name);
            assertFalse(what.context().isActive(), name + ": the context is closed after the run");
            assertEquals(Boolean.TRUE, ClusterWatcher.reachableAtClose.get(what.clusterServers()),
                    name + ": the cluster was still up when its context closed");
            assertFalse(Files.exists(what.autowired().directory()), name + ": the cluster is closed too");
        }
    }

    /**
     * What every test case below does: records the context, its environment and the cluster (autowired by Spring,
     * and its address injected by the extension) under the class's name.
     */
    abstract static class Recording {
        @Autowired
        Environment environment;
        @Autowired
        ConfigurableApplicationContext context;
        @Autowired
        KafkaCluster cluster;

        @Test
        void records(@BootstrapServers String servers) {
            seen.put(getClass().getSimpleName(), new Seen(context,
                    environment.getProperty("spring.kafka.bootstrap-servers"),
                    environment.getProperty("spring.kafka.consumer.bootstrap-servers"),
                    environment.getProperty("spring.embedded.kafka.brokers"), servers, cluster));
        }
    }

    @SpringJUnitConfig(ClusterWatcher.class)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    static class PerMethodSpringFirst extends Recording {
    }

    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    @SpringJUnitConfig(ClusterWatcher.class)
    static class PerMethodOursFirst extends Recording {
    }

    @SpringJUnitConfig(ClusterWatcher.class)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassSpringFirst extends Recording {
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    @SpringJUnitConfig(ClusterWatcher.class)
    static class PerClassOursFirst extends Recording {
    }

    @SpringJUnitConfig(ClusterWatcher.class)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    static class Outer extends Recording {

        @Nested
        @TestInstance(TestInstance.Lifecycle.PER_CLASS)
        class Inner extends Recording {
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @SpringJUnitConfig(ClusterWatcher.class)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"), freshCluster = true)
    static class FreshPerClass extends Recording {
    }

    @SpringJUnitConfig(ClusterWatcher.class)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "OtherCluster"))
    static class OtherCluster extends Recording {
    }
}
