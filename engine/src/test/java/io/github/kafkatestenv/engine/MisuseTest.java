package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Calls a running cluster's state does not allow throw {@link IllegalStateException}, arguments that name nothing in
 * it {@link IllegalArgumentException}, each saying what to do; the cluster stays usable after each.
 */
class MisuseTest {

    @Test
    void callsTheStateDoesNotAllowAndArgumentsThatNameNothing() {
        KafkaCluster cluster = ClusterDefinition.builder().kafkaVersion("4.4.0").build().start();
        try {
            assertMisuse(IllegalStateException.class, () -> cluster.startBroker(0),
                    "Broker 0 is already running: stop it first");
            assertMisuse(IllegalArgumentException.class, () -> cluster.stopBroker(1),
                    "No broker 1: this cluster's broker ids are 0..0");
            assertMisuse(IllegalArgumentException.class, () -> cluster.startBroker(-1),
                    "No broker -1: this cluster's broker ids are 0..0");
            assertMisuse(IllegalStateException.class, cluster::stopZooKeeper,
                    "This cluster runs in KRaft mode: it has no ZooKeeper to stop or start");
            assertMisuse(IllegalArgumentException.class, () -> cluster.clientProperties("carol"),
                    "No user 'carol': this cluster's listener is PLAINTEXT, without users; use clientProperties()");

            cluster.stopBroker(0);
            assertMisuse(IllegalStateException.class, () -> cluster.stopBroker(0),
                    "Broker 0 is already stopped: start it first");
            assertMisuse(IllegalStateException.class, () -> cluster.killBroker(0),
                    "Broker 0 is already stopped: start it first");
            cluster.startBroker(0);
            assertTrue(cluster.isRunning(0), "the cluster is still usable after each refused call");
        } finally {
            cluster.close();
        }
        cluster.close(); // a second close does nothing
        assertMisuse(IllegalStateException.class, () -> cluster.startBroker(0),
                "The cluster is closed: start a new one");
        assertMisuse(IllegalStateException.class, () -> cluster.createTopic(Topic.of("late")),
                "The cluster is closed: start a new one");
        assertFalse(cluster.isRunning(0));
    }

    private static void assertMisuse(Class<? extends RuntimeException> type, Executable call, String message) {
        RuntimeException error = assertThrows(type, call);
        assertEquals(type, error.getClass(), "not a subclass: " + error.getClass());
        assertEquals(message, error.getMessage());
    }
}
