package io.github.kafkatestenv.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security is part of the definition, and so of the key a shared cluster is found by: equal declarations share a
 * cluster whatever the order of grants and super users, and any difference in security makes another cluster.
 */
class DeclarationTest {

    @Test
    void makesTheEngineDefinitionOfTheSecurityAttributes() {
        ClusterDefinition definition = definition(Secured.class);
        assertEquals(SecurityProtocol.SASL_SSL, definition.securityProtocol());
        assertEquals(List.of("alice", "admin"), definition.users().stream().map(u -> u.name()).toList());
        assertEquals(SaslMechanism.SCRAM_SHA_256, definition.saslMechanism());
        assertEquals(List.of("User:admin"), definition.superUsers());
        assertEquals(2, definition.grants().size());
        assertTrue(definition.authorizer());
        assertFalse(definition.mutualTls());
    }

    @Test
    void declarationsThatDifferOnlyInTheOrderOfGrantsAndSuperUsersShareACluster() {
        assertEquals(definition(Secured.class), definition(SecuredReordered.class));
    }

    @Test
    void anotherMechanismIsAnotherCluster() {
        assertNotEquals(definition(Secured.class), definition(OtherMechanism.class));
    }

    @Test
    void anotherFirstUserIsAnotherCluster() {
        assertNotEquals(definition(Secured.class), definition(OtherFirstUser.class));
    }

    @Test
    void securityIsNotThePlaintextDefault() {
        assertNotEquals(definition(Plaintext.class), definition(AuthorizerOnly.class));
        assertEquals(SecurityProtocol.PLAINTEXT, definition(Plaintext.class).securityProtocol());
    }

    @Test
    void findsDeclaredUsersWithoutBuildingTheDefinition() {
        assertTrue(Declaration.declaresUser(Secured.class, "admin"));
        assertFalse(Declaration.declaresUser(Secured.class, "bob"));
        assertFalse(Declaration.declaresUser(Plaintext.class, "alice"));
    }

    private static ClusterDefinition definition(Class<?> type) {
        return Declaration.find(type, Compatibility.NONE).orElseThrow().definition();
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_SSL, saslMechanism = SaslMechanism.SCRAM_SHA_256,
            users = {"alice:alice-secret", "admin:admin-secret"}, superUsers = {"admin"},
            grants = {"alice topic:orders read", "alice group:app-* read"})
    static class Secured {
    }

    @EmbeddedKafka(grants = {"alice group:app-* read", "alice topic:orders read"}, superUsers = {"admin"},
            users = {"alice:alice-secret", "admin:admin-secret"}, saslMechanism = SaslMechanism.SCRAM_SHA_256,
            securityProtocol = SecurityProtocol.SASL_SSL)
    static class SecuredReordered {
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_SSL, saslMechanism = SaslMechanism.SCRAM_SHA_512,
            users = {"alice:alice-secret", "admin:admin-secret"}, superUsers = {"admin"},
            grants = {"alice topic:orders read", "alice group:app-* read"})
    static class OtherMechanism {
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_SSL, saslMechanism = SaslMechanism.SCRAM_SHA_256,
            users = {"admin:admin-secret", "alice:alice-secret"}, superUsers = {"admin"},
            grants = {"alice topic:orders read", "alice group:app-* read"})
    static class OtherFirstUser {
    }

    @EmbeddedKafka
    static class Plaintext {
    }

    @EmbeddedKafka(authorizer = true)
    static class AuthorizerOnly {
    }
}
