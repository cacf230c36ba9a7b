package io.github.kafkatestenv.junit.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * What the application's own configuration says about Kafka does not take a Spring test away from its cluster:
 * Spring Kafka's own settings (for all clients, per client, as settings or raw client properties, from any source)
 * are overridden, another Kafka address fails the context with its name, and a context built without the cluster
 * fails the test instead of connecting to {@code localhost:9092}.
 */
class SpringConfigurationTest {

    static final Map<String, String> seen = new ConcurrentHashMap<>();

    /** The outcome of each test case, by class: "succeeded" or the message of the innermost cause. */
    static final Map<Class<?>, String> outcomes = new ConcurrentHashMap<>();

    /** The test cases in one run, so that they share one cluster. */
    @BeforeAll
    static void runTheTestCases() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(OverriddenTestCase.class), selectClass(MisdirectedTestCase.class),
                        selectClass(WithoutOurFactoryTestCase.class))
                .execute().testEvents().finished().stream().forEach(event -> {
                    Optional<Throwable> failure = event.getPayload(TestExecutionResult.class)
                            .flatMap(TestExecutionResult::getThrowable);
                    Throwable root = failure.orElse(null);
                    while (root != null && root.getCause() != null) {
                        root = root.getCause();
                    }
                    outcomes.put(((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getJavaClass(),
                            root == null ? "succeeded" : root.getMessage());
                });
    }

    @Test
    void springKafkaSettingsOfTheApplicationAreOverriddenWhateverTheirFormOrSource() {
        assertEquals("succeeded", outcomes.get(OverriddenTestCase.class));
        String servers = seen.get("cluster");
        for (String name : List.of("spring.kafka.bootstrap-servers", "spring.kafka.consumer.bootstrap-servers",
                "spring.kafka.producer.bootstrap-servers", "spring.kafka.streams.bootstrap-servers",
                "spring.kafka.properties.bootstrap.servers", "spring.kafka.admin.properties.bootstrap.servers",
                "spring.kafka.streams.properties.bootstrap.servers")) {
            assertEquals(servers, seen.get(name), name);
        }
        assertEquals("PLAINTEXT", seen.get("spring.kafka.security.protocol"));
        assertEquals("PLAINTEXT", seen.get("spring.kafka.producer.security.protocol"));
        assertEquals(servers, seen.get("app.kafka.servers"), "the application's own property, set as the guide says");
    }

    @Test
    void anotherKafkaAddressInTheTestsConfigurationFailsTheContextWithItsName() {
        String message = outcomes.get(MisdirectedTestCase.class);
        assertTrue(message.startsWith("@EmbeddedKafka on " + MisdirectedTestCase.class.getName()
                + ": the application's configuration points Kafka clients away from the cluster at 127.0.0.1:"),
                message);
        assertTrue(message.contains(": 'orders.kafka.brokers' (in Inlined Test Properties) is 'localhost:9092', a "
                + "Kafka address other than the cluster's. Remove it from the test's configuration, or, for an "
                + "address, set it to ${spring.kafka.bootstrap-servers} for the test, for example "
                + "@SpringBootTest(properties = \"orders.kafka.brokers=${spring.kafka.bootstrap-servers}\")"),
                message);
    }

    @Test
    void aContextBuiltWithoutTheClusterFailsTheTestInsteadOfConnectingToLocalhost() {
        assertEquals("@EmbeddedKafka on " + WithoutOurFactoryTestCase.class.getName() + ": Spring built the test's "
                + "application context without kafka-testenv's ContextCustomizerFactory (listed in "
                + "META-INF/spring.factories of kafka-testenv-junit-extension), so it does not know the cluster and "
                + "would connect to localhost:9092. Keep Spring's default context customizer factories (no "
                + "@ContextCustomizerFactories(mergeMode = REPLACE_DEFAULTS)), and do not repackage the extension "
                + "without its META-INF/spring.factories", outcomes.get(WithoutOurFactoryTestCase.class));
    }

    @Test
    void springOutsideAJUnitRunOfTheClassGetsNoClusterAndIsToldWhy() {
        ContextCustomizerFactory ours = SpringFactoriesLoader.loadFactories(ContextCustomizerFactory.class, null)
                .stream().filter(f -> f.getClass().getName().startsWith("io.github.kafkatestenv")).findFirst()
                .orElseThrow();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ours.createContextCustomizer(OverriddenTestCase.class, List.of()));
        assertTrue(error.getMessage().startsWith("@EmbeddedKafka on " + OverriddenTestCase.class.getName()
                + ": Spring prepared the test context of the class outside a JUnit Jupiter run of it"),
                error.getMessage());
        assertEquals(null, ours.createContextCustomizer(SpringConfigurationTest.class, List.of()),
                "a class without @EmbeddedKafka is not ours");
    }

    @SpringJUnitConfig
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    @TestPropertySource(properties = {
            "spring.kafka.bootstrap-servers=localhost:9092",
            "spring.kafka.consumer.bootstrap-servers=localhost:9092",
            "spring.kafka.producer.bootstrapServers=localhost:9092",
            "spring.kafka.properties.bootstrap.servers=localhost:9092",
            "spring.kafka.admin.properties[bootstrap.servers]=localhost:9092",
            "spring.kafka.security.protocol=SASL_SSL",
            "spring.kafka.producer.security.protocol=SSL",
            "app.kafka.servers=${spring.embedded.kafka.brokers}"})
    static class OverriddenTestCase {

        @DynamicPropertySource
        static void elsewhere(DynamicPropertyRegistry registry) {
            registry.add("spring.kafka.streams.bootstrap-servers", () -> "localhost:9092");
            registry.add("spring.kafka.streams.properties.bootstrap.servers", () -> "localhost:9092");
        }

        @Test
        void records(@Autowired Environment environment, @BootstrapServers String servers) {
            seen.put("cluster", servers);
            for (String name : List.of("spring.kafka.bootstrap-servers", "spring.kafka.consumer.bootstrap-servers",
                    "spring.kafka.producer.bootstrap-servers", "spring.kafka.streams.bootstrap-servers",
                    "spring.kafka.properties.bootstrap.servers", "spring.kafka.admin.properties.bootstrap.servers",
                    "spring.kafka.streams.properties.bootstrap.servers", "spring.kafka.security.protocol",
                    "spring.kafka.producer.security.protocol", "app.kafka.servers")) {
                seen.put(name, String.valueOf(environment.getProperty(name)));
            }
        }

        @org.springframework.context.annotation.Configuration
        static class Config {
        }
    }

    @SpringJUnitConfig(ClusterWatcher.class)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    @TestPropertySource(properties = "orders.kafka.brokers=localhost:9092")
    static class MisdirectedTestCase {
        @Test
        void neverRuns() {
        }
    }

    @SpringJUnitConfig(ClusterWatcher.class)
    @ContextCustomizerFactories(mergeMode = ContextCustomizerFactories.MergeMode.REPLACE_DEFAULTS)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "spring"))
    static class WithoutOurFactoryTestCase {
        @Test
        void neverRuns() {
        }
    }
}
