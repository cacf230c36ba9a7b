package io.github.kafkatestenv.junit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM system properties spring-kafka-test sets to the brokers' address, which tests written for it may read
 * ({@code System.getProperty("spring.embedded.kafka.brokers")}): set for a class under spring-kafka-test
 * compatibility, and restored when the class's store closes (spring-kafka-test never restores them).
 */
// AutoCloseable is what JUnit 5.13+ and 6 close; CloseableResource what older JUnit 5 closes. Either closes it once.
@SuppressWarnings("deprecation")
final class SpringKafkaTestProperties implements AutoCloseable,
        org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource {

    private static final List<String> NAMES = List.of(Compatibility.EMBEDDED_BROKERS_PROPERTY,
            Compatibility.BOOT_BOOTSTRAP_PROPERTY);

    private final Map<String, String> previous;
    private boolean closed;

    private SpringKafkaTestProperties(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Sets the properties to {@code bootstrapServers}; closing puts back what was there. */
    static SpringKafkaTestProperties set(String bootstrapServers) {
        Map<String, String> previous = new LinkedHashMap<>();
        for (String name : NAMES) {
            previous.put(name, System.setProperty(name, bootstrapServers));
        }
        return new SpringKafkaTestProperties(previous);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
