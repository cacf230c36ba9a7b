package io.github.kafkatestenv.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs in {@link NoSpringTest}'s class loader without Spring, and reports each test's outcome as text (only JDK types
 * cross the loaders). Refers to no Spring type.
 */
public final class NoSpringRunner {

    private NoSpringRunner() {
    }

    /** One line per test: "name(): succeeded" or "name(): failed: message". */
    public static List<String> run(String bootstrapServers) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, bootstrapServers)
                .selectors(selectClass(RoundTripTestCase.class))
                .execute().testEvents().finished().stream()
                .map(event -> {
                    TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
                    String name = event.getTestDescriptor().getDisplayName();
                    return result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? name + ": succeeded"
                            : name + ": failed: " + result.getThrowable().map(Throwable::toString).orElse("");
                })
                .sorted().collect(Collectors.toList());
    }

    /** Every callback of the extension: conditions, both lifecycles' instance callbacks, fields, parameters. */
    @EmbeddedKafka(topics = @Topic(name = "orders"))
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    public static class RoundTripTestCase {

        Producer<String, String> producer;

        @Test
        void roundTrip(@TopicName("orders") String orders,
                       @KafkaClient(topic = "orders") Consumer<String, String> consumer) throws Exception {
            Records.send(producer, new ProducerRecord<>(orders, "k", "without-spring"), Duration.ofSeconds(30));
            if (Records.read(consumer, 1, Duration.ofSeconds(30)).stream()
                    .noneMatch(r -> r.value().equals("without-spring"))) {
                throw new AssertionError("the record did not come back");
            }
        }
    }
}
