package io.github.kafkatestenv.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.Topic;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The text form of a definition: what crosses to another JVM, and the key of equal definitions. */
class DefinitionTextTest {

    private static final ClusterDefinition SECURED = ClusterDefinition.builder().kafkaVersion("4.4.0")
            .mode(Mode.KRAFT).brokers(3)
            .topic(Topic.parse("orders:6:3").withConfig("cleanup.policy", "compact").withConfig("min.insync.replicas", "2"))
            .topic(Topic.parse("audit"))
            .brokerProperty("log.retention.ms", "60000").brokerProperty("message.max.bytes", "")
            .securityProtocol(SecurityProtocol.SASL_SSL).saslMechanism(SaslMechanism.SCRAM_SHA_512)
            .user("alice", "a secret with spaces, & and = signs").user("bob", "bob-secret")
            .superUser("bob").grant(Grant.parse("alice group:billing-* read"))
            .grant(Grant.parse("alice cluster idempotent_write"))
            .startTimeout(Duration.ofSeconds(90)).workDirectory(Paths.get("/tmp/some where")).keepDirectory(true)
            .build();

    @Test
    void readsBackWhatItWrote() {
        String text = DefinitionText.write(SECURED);
        assertEquals(SECURED, DefinitionText.read(text));
        assertEquals(text, DefinitionText.write(DefinitionText.read(text)), "the text is canonical");
        ClusterDefinition plain = ClusterDefinition.builder().build();
        assertEquals(plain, DefinitionText.read(DefinitionText.write(plain)));
    }

    @Test
    void theKeyIgnoresOnlyWhereFilesGoAndHowLongAStartMayTake() {
        ClusterDefinition elsewhere = SECURED.toBuilder().workDirectory(null).keepDirectory(false)
                .startTimeout(Duration.ofMinutes(5)).build();
        assertEquals(DefinitionText.key(SECURED), DefinitionText.key(elsewhere));
        assertNotEquals(DefinitionText.key(SECURED),
                DefinitionText.key(SECURED.toBuilder().topic(Topic.parse("more")).build()), "one more topic");
        assertNotEquals(DefinitionText.key(SECURED),
                DefinitionText.key(SECURED.toBuilder().brokerProperty("log.retention.ms", "1").build()),
                "another broker property");
        assertEquals(32, DefinitionText.key(SECURED).length());
    }

    @Test
    void mapsAreWrittenInKeyOrder() {
        ClusterDefinition one = ClusterDefinition.builder().brokerProperty("b", "2").brokerProperty("a", "1").build();
        ClusterDefinition other = ClusterDefinition.builder().brokerProperty("a", "1").brokerProperty("b", "2").build();
        assertEquals(DefinitionText.write(one), DefinitionText.write(other));
    }

    @Test
    void refusesTextOfAnotherForm() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DefinitionText.read("kafkaVersion 3.9.2\n"));
        assertTrue(error.getMessage().contains("should begin with 'kafka-testenv-definition 1'"), error.getMessage());
        IllegalArgumentException badLine = assertThrows(IllegalArgumentException.class,
                () -> DefinitionText.read(DefinitionText.HEADER + "\ncolour blue\n"));
        assertEquals("Invalid line 2 of a cluster definition ('colour ...'): unknown setting 'colour'",
                badLine.getMessage());
    }
}
