package io.github.kafkatestenv.junit.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Small tests first written for spring-kafka-test (each test case's javadoc shows the original), moved over as
 * docs/migrating-from-spring-kafka-test.md says, run as they are and with the compatibility switch
 * {@code kafka.testenv.compatibility=spring-kafka-test}: without it, each difference the guide lists shows the way
 * the guide says; with it, every test passes as it did on spring-kafka-test.
 */
class MigrationTest {

    /** What the switch changes. */
    private static final List<Class<?>> SWITCHED = List.of(PartitionsTestCase.class, FirstEventsTestCase.class,
            SecondEventsTestCase.class, SystemPropertyTestCase.class);

    /** What works the same either way. */
    private static final List<Class<?>> UNSWITCHED = List.of(SpringPlaceholdersTestCase.class);

    @Test
    void withoutTheSwitchEachDifferenceShowsAsTheGuideSays() {
        Map<String, String> outcomes = run(false, SWITCHED, UNSWITCHED);

        assertEquals("failed: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors."
                + "TimeoutException: Topic orders not present in metadata after 5000 ms.",
                outcomes.get("PartitionsTestCase"), "1 partition: kafka-clients 2.8 waits for partition 1 in vain");
        assertEquals("succeeded", outcomes.get("FirstEventsTestCase"));
        assertEquals("failed: org.opentest4j.AssertionFailedError: records in topic events ==> expected: <1> but "
                + "was: <2>", outcomes.get("SecondEventsTestCase"), "one cluster shared by both classes");
        assertEquals("failed: org.apache.kafka.common.config.ConfigException: Invalid value null for configuration "
                + "bootstrap.servers: entry must be non null", outcomes.get("SystemPropertyTestCase"),
                "no system property without the switch");
        assertEquals("succeeded", outcomes.get("SpringPlaceholdersTestCase"),
                "${spring.embedded.kafka.brokers} and the guide's replacement for bootstrapServersProperty");
    }

    @Test
    void withTheSwitchEveryMovedTestPassesAsOnSpringKafkaTest() {
        Map<String, String> outcomes = run(true, SWITCHED);

        for (Class<?> moved : SWITCHED) {
            assertEquals("succeeded", outcomes.get(moved.getSimpleName()), moved.getSimpleName() + ": " + outcomes);
        }
        assertNull(System.getProperty("spring.embedded.kafka.brokers"), "the system properties are put back");
        assertNull(System.getProperty("spring.kafka.bootstrap-servers"));
    }

    @Test
    void anUnknownCompatibilityFailsTheClassNamingTheParameterAndItsValues() {
        List<String> failures = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmbeddedKafka.COMPATIBILITY_PROPERTY, "spring")
                .selectors(selectClass(PartitionsTestCase.class)).execute().containerEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage).orElse(""))
                .toList();
        assertEquals(List.of("JUnit configuration parameter (or system property) kafka.testenv.compatibility is "
                + "'spring': use spring-kafka-test (spring-kafka-test's defaults), or leave it out (kafka-testenv's)"),
                failures);
    }

    /** Runs moved tests in order, and returns each class's outcome: "succeeded" or "failed: exception". */
    @SafeVarargs
    private static Map<String, String> run(boolean compatibility, List<Class<?>>... moved) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME,
                        ClassOrderer.OrderAnnotation.class.getName())
                .selectors(Stream.of(moved).flatMap(List::stream).map(type -> selectClass(type))
                        .toArray(DiscoverySelector[]::new));
        if (compatibility) {
            builder.configurationParameter(EmbeddedKafka.COMPATIBILITY_PROPERTY, "spring-kafka-test");
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Event event : builder.execute().testEvents().finished().list()) {
            TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
            String type = ((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getJavaClass()
                    .getSimpleName();
            outcomes.put(type, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "succeeded"
                    : "failed: " + result.getThrowable().map(Throwable::toString).orElse(""));
        }
        return outcomes;
    }
}
