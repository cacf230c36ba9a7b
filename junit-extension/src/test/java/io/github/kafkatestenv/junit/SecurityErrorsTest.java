package io.github.kafkatestenv.junit;

import static io.github.kafkatestenv.junit.ErrorsTest.classFailures;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security attributes that cannot make a cluster fail the class before anything starts, with the class, the
 * attribute (or the attributes that contradict each other) and the engine's reason.
 */
class SecurityErrorsTest {

    @Test
    void unknownSecurityProtocol() {
        assertFailure(UnknownProtocolTestCase.class, "securityProtocol",
                "Unknown security protocol 'TLS': use PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL");
    }

    @Test
    void userWithoutName() {
        assertFailure(NamelessUserTestCase.class, "users",
                "Invalid user: it has no name before the ':'; use name:password, for example alice:alice-secret");
    }

    @Test
    void saslWithoutUsers() {
        assertFailure(SaslWithoutUsersTestCase.class, "securityProtocol", "Security protocol SASL_SSL needs at least"
                + " one user to log in: declare one, for example alice:alice-secret");
    }

    @Test
    void saslUserWithoutPassword() {
        assertFailure(PasswordlessUserTestCase.class, "securityProtocol/users",
                "User 'alice' has no password, which SASL_PLAINTEXT needs: declare it as alice:<password>");
    }

    @Test
    void userDeclaredTwice() {
        assertFailure(TwiceDeclaredUserTestCase.class, "securityProtocol/users",
                "User 'alice' is declared twice: declare each user once");
    }

    @Test
    void usersWithoutALogin() {
        assertFailure(UsersOnPlaintextTestCase.class, "users", "Users [alice] are declared, but with security "
                + "protocol PLAINTEXT nobody logs in: use SASL_PLAINTEXT, SASL_SSL, or SSL with mutual TLS, or "
                + "remove the users");
    }

    @Test
    void mutualTlsWithoutTls() {
        assertFailure(MutualTlsOnSaslPlaintextTestCase.class, "securityProtocol/users/mutualTls",
                "Mutual TLS needs a TLS listener, but the security protocol is SASL_PLAINTEXT: use SSL or SASL_SSL");
    }

    @Test
    void mutualTlsWithoutUsers() {
        assertFailure(MutualTlsWithoutUsersTestCase.class, "securityProtocol/mutualTls",
                "Mutual TLS needs at least one user: each user gets a client certificate with subject CN=<name>");
    }

    @Test
    void unknownSaslMechanism() {
        assertFailure(UnknownMechanismTestCase.class, "saslMechanism",
                "Unknown SASL mechanism 'GSSAPI': use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
    }

    @Test
    void saslMechanismWithoutSasl() {
        assertFailure(MechanismOnPlaintextTestCase.class, "saslMechanism", "SASL mechanism SCRAM-SHA-256 is set but "
                + "the security protocol is PLAINTEXT: use SASL_PLAINTEXT or SASL_SSL, or leave the mechanism out");
    }

    @Test
    void superUserWithoutName() {
        assertFailure(NamelessSuperUserTestCase.class, "superUsers",
                "Invalid principal 'User:': use a user name such as alice, or User:alice");
    }

    @Test
    void grantWithoutResourceType() {
        assertFailure(UntypedGrantTestCase.class, "grants", "Invalid grant 'alice orders read': the resource "
                + "'orders' needs a name, as in topic:orders; use '<user> <resource> <operations>', for example "
                + "'alice topic:orders read,write' or 'alice group:billing-* read'");
    }

    @Test
    void grantOfAnUnknownOperation() {
        assertFailure(UnknownOperationTestCase.class, "grants", "Unknown operation 'publish' in a grant to "
                + "User:alice: use all, read, write, create, delete, alter, describe, cluster_action, "
                + "describe_configs, alter_configs, idempotent_write");
    }

    private static void assertFailure(Class<?> testCase, String attribute, String problem) {
        assertEquals(List.of("@EmbeddedKafka on " + testCase.getName() + ", attribute " + attribute + ": " + problem),
                classFailures(testCase));
    }

    @EmbeddedKafka(securityProtocol = "TLS")
    static class UnknownProtocolTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SASL_PLAINTEXT", users = ":secret")
    static class NamelessUserTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SASL_SSL")
    static class SaslWithoutUsersTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SASL_PLAINTEXT", users = "alice")
    static class PasswordlessUserTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SASL_PLAINTEXT", users = {"alice:one", "alice:two"})
    static class TwiceDeclaredUserTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(users = "alice:alice-secret")
    static class UsersOnPlaintextTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SASL_PLAINTEXT", users = "alice:alice-secret", mutualTls = true)
    static class MutualTlsOnSaslPlaintextTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SSL", mutualTls = true)
    static class MutualTlsWithoutUsersTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = "SASL_PLAINTEXT", users = "alice:alice-secret", saslMechanism = "GSSAPI")
    static class UnknownMechanismTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(saslMechanism = "SCRAM-SHA-256")
    static class MechanismOnPlaintextTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(superUsers = "User:")
    static class NamelessSuperUserTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(grants = "alice orders read")
    static class UntypedGrantTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(grants = "alice topic:orders publish")
    static class UnknownOperationTestCase {
        @Test
        void never() {
        }
    }
}
