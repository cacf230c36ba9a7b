package io.github.kafkatestenv.bridge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kafkatestenv.bridge.BridgeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The choice of a moved call's form, on this module's own Kafka runtime (the newest 4.x): the form a release has
 * is found, and a release that has none of the known forms is refused with a message that names the release.
 */
class MovedApiTest {

    @Test
    void findsTheFormThisReleaseHas() throws Exception {
        assertEquals(Class.forName("org.apache.kafka.common.utils.internals.Exit"), MovedApi.firstClass(
                "Kafka's exit procedures", "org.apache.kafka.common.utils.internals.Exit",
                "org.apache.kafka.common.utils.Exit"));
        assertEquals("authorizerPlugin", MovedApi.firstMethod(kafka.server.BrokerServer.class,
                "the broker's authorizer", List.of("authorizerPlugin", "authorizer")).getName());
    }

    @Test
    void aReleaseWithNoKnownFormIsRefusedByName() {
        BridgeException refused = assertThrows(BridgeException.class, () -> MovedApi.firstMethod(
                kafka.server.BrokerServer.class, "the broker's authorizer", List.of("authorizerV9", "authorizerV10")));
        assertEquals("Kafka " + System.getProperty("kafka.testenv.test.kafka.version") + " has none of the forms"
                + " of the broker's authorizer that kafka-testenv knows (kafka.server.BrokerServer.authorizerV9,"
                + " kafka.server.BrokerServer.authorizerV10), so it cannot run this release in the JVM: use a release"
                + " the kafka-testenv README lists as running in the JVM", refused.getMessage());
    }
}
