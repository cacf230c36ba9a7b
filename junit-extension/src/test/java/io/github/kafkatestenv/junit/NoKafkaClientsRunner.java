package io.github.kafkatestenv.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs in {@link NoKafkaClientsTest}'s class loader without kafka-clients, and reports each test class's outcome
 * as text (only JDK types cross the loaders). Refers to no Kafka type.
 */
public final class NoKafkaClientsRunner {

    private NoKafkaClientsRunner() {
    }

    /** One line per test class: "Name: succeeded" or "Name: failed: message". */
    public static List<String> run(String bootstrapServers) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, bootstrapServers)
                .selectors(selectClass(BootstrapServersTestCase.class), selectClass(TopicsTestCase.class))
                .execute().containerEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getSource().orElse(null) instanceof ClassSource)
                .map(event -> {
                    TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
                    String name = ((ClassSource) event.getTestDescriptor().getSource().get()).getJavaClass()
                            .getSimpleName();
                    return result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? name + ": succeeded"
                            : name + ": failed: " + result.getThrowable().map(Throwable::getMessage).orElse("");
                })
                .sorted().collect(Collectors.toList());
    }

    @EmbeddedKafka
    public static class BootstrapServersTestCase {
        @Test
        void getsTheServers(@BootstrapServers String servers) {
            if (servers.isEmpty()) {
                throw new AssertionError("no servers");
            }
        }
    }

    @EmbeddedKafka(topics = @Topic(name = "orders"))
    public static class TopicsTestCase {
        @Test
        void never() {
        }
    }
}
