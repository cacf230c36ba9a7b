package io.github.kafkatestenv.junit.internal;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Whether kafka-clients is there for the extension to use. This class refers to no Kafka type, so that the
 * extension loads, and serves the cluster and bootstrap servers, without kafka-clients.
 */
final class KafkaClients {

    /** A class every supported kafka-clients version has. */
    static final String PROBE_CLASS = "org.apache.kafka.clients.producer.KafkaProducer";

    private KafkaClients() {
    }

    /** Whether kafka-clients can be loaded by the extension's class loader. */
    static boolean available() {
        try {
            Class.forName(PROBE_CLASS, false, KafkaClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Returns normally when kafka-clients is there, and otherwise throws an error that says what needed it and which
     * dependency to add.
     *
     * @param what what needs kafka-clients, for example {@code "cannot inject Producer"}
     */
    static void require(String what) {
        if (!available()) {
            throw new ExtensionConfigurationException("@EmbeddedKafka " + what + ": kafka-clients is not on the test "
                    + "class path. Add org.apache.kafka:kafka-clients (2.8 or newer) with test scope.");
        }
    }
}
