package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whose defaults a declaration gets: kafka-testenv's own, or spring-kafka-test's, chosen by the JUnit configuration
 * parameter (or system property) {@value EmbeddedKafka#COMPATIBILITY_PROPERTY} for tests moved from spring-kafka-test.
 */
enum Compatibility {

    /** kafka-testenv's defaults: 1 partition, 1 replica, shared clusters. */
    NONE,

    /**
     * spring-kafka-test's: topics (declared and auto-created) get 2 partitions and as many replicas as brokers, each
     * test class its own cluster, and the JVM the system properties {@value #EMBEDDED_BROKERS_PROPERTY} and
     * {@value #BOOT_BOOTSTRAP_PROPERTY} while the class runs.
     */
    SPRING_KAFKA_TEST;

    /** The value that selects {@link #SPRING_KAFKA_TEST}. */
    static final String SPRING_KAFKA_TEST_VALUE = "spring-kafka-test";

    /** What spring-kafka-test publishes the brokers as, and tests written for it read. */
    static final String EMBEDDED_BROKERS_PROPERTY = "spring.embedded.kafka.brokers";

    /** spring-kafka-test's default {@code bootstrapServersProperty}. */
    static final String BOOT_BOOTSTRAP_PROPERTY = "spring.kafka.bootstrap-servers";

    /** spring-kafka-test's partitions per topic, also its brokers' {@code num.partitions}. */
    private static final int SPRING_KAFKA_TEST_PARTITIONS = 2;

    /**
     * The compatibility the run asks for.
     *
     * @throws ExtensionConfigurationException naming the value and the valid ones, if it is unknown
     */
    static Compatibility of(ExtensionContext context) {
        return of(context::getConfigurationParameter);
    }

    /** {@link #of(ExtensionContext)} from the run's configuration parameters, as a test plan has them. */
    static Compatibility of(Function<String, Optional<String>> parameters) {
        Optional<String> value = parameters.apply(EmbeddedKafka.COMPATIBILITY_PROPERTY)
                .map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return NONE;
        }
        if (value.get().equals(SPRING_KAFKA_TEST_VALUE)) {
            return SPRING_KAFKA_TEST;
        }
        throw new ExtensionConfigurationException("JUnit configuration parameter (or system property) "
                + EmbeddedKafka.COMPATIBILITY_PROPERTY + " is '" + value.get() + "': use " + SPRING_KAFKA_TEST_VALUE
                + " (spring-kafka-test's defaults), or leave it out (kafka-testenv's)");
    }

    /** Partitions of a declared topic that leaves them out. */
    int partitions() {
        return this == SPRING_KAFKA_TEST ? SPRING_KAFKA_TEST_PARTITIONS : 1;
    }

    /** The replication factor of a declared topic that leaves it out, on a cluster of {@code brokers}. */
    int replicationFactor(int brokers) {
        return this == SPRING_KAFKA_TEST ? brokers : 1;
    }

    /** The brokers' {@code num.partitions} (for auto-created topics) unless the declaration sets it; empty: ours. */
    Optional<String> numPartitions() {
        return this == SPRING_KAFKA_TEST ? Optional.of(Integer.toString(SPRING_KAFKA_TEST_PARTITIONS))
                : Optional.empty();
    }

    /** Whether every test class gets a cluster of its own, as with spring-kafka-test's broker per class. */
    boolean clusterPerClass() {
        return this == SPRING_KAFKA_TEST;
    }
}
