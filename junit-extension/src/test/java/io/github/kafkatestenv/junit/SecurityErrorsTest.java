package io.github.kafkatestenv.junit;

import static io.github.kafkatestenv.junit.ErrorsTest.classFailures;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Security attributes that cannot make a cluster fail the class before anything starts, with the class, the
 * attribute (or the attributes that contradict each other), the value and what to do. A protocol or mechanism that
 * does not exist does not compile: they are enums.
 */
class SecurityErrorsTest {

    @Test
    void userWithoutName() {
        assertFailure(NamelessUserTestCase.class, "attribute users",
                "Invalid user: it has no name before the ':'; use name:password, for example alice:alice-secret");
    }

    @Test
    void saslWithoutUsers() {
        assertFailure(SaslWithoutUsersTestCase.class, "attributes users, securityProtocol", "securityProtocol SASL_SSL"
                + " needs at least one user to log in: declare one in users, for example alice:alice-secret");
    }

    @Test
    void saslUserWithoutPassword() {
        assertFailure(PasswordlessUserTestCase.class, "attributes users, securityProtocol",
                "User 'alice' has no password, which SASL_PLAINTEXT needs: declare it as alice:<password>");
    }

    @Test
    void userDeclaredTwice() {
        assertFailure(TwiceDeclaredUserTestCase.class, "attribute users",
                "User 'alice' is declared twice: declare each user once");
    }

    @Test
    void usersWithoutALogin() {
        assertFailure(UsersOnPlaintextTestCase.class, "attributes users, securityProtocol, mutualTls", "Users [alice]"
                + " are declared, but with securityProtocol PLAINTEXT nobody logs in: use SASL_PLAINTEXT, SASL_SSL, or"
                + " SSL with mutualTls, or remove the users");
    }

    @Test
    void mutualTlsWithoutTls() {
        assertFailure(MutualTlsOnSaslPlaintextTestCase.class, "attributes mutualTls, securityProtocol",
                "mutualTls needs a TLS listener, but securityProtocol is SASL_PLAINTEXT: use SSL or SASL_SSL");
    }

    @Test
    void mutualTlsWithoutUsers() {
        assertFailure(MutualTlsWithoutUsersTestCase.class, "attributes users, mutualTls",
                "mutualTls needs at least one user: each user gets a client certificate with subject CN=<name>");
    }

    @Test
    void twoSaslMechanisms() {
        assertFailure(TwoMechanismsTestCase.class, "attribute saslMechanism",
                "give at most one mechanism, for example saslMechanism = SaslMechanism.SCRAM_SHA_512");
    }

    @Test
    void saslMechanismWithoutSasl() {
        assertFailure(MechanismOnPlaintextTestCase.class, "attributes saslMechanism, securityProtocol",
                "saslMechanism SCRAM-SHA-256 is set but securityProtocol is PLAINTEXT: use SASL_PLAINTEXT or SASL_SSL,"
                        + " or leave saslMechanism out");
    }

    @Test
    void superUserWithoutName() {
        assertFailure(NamelessSuperUserTestCase.class, "attribute superUsers",
                "Invalid principal 'User:': use a user name such as alice, or User:alice");
    }

    @Test
    void grantWithoutResourceType() {
        assertFailure(UntypedGrantTestCase.class, "attribute grants", "Invalid grant 'alice orders read': the resource"
                + " 'orders' has no type; write it as topic:orders, group:orders or transactional_id:orders");
    }

    @Test
    void grantOfAnUnknownOperation() {
        assertFailure(UnknownOperationTestCase.class, "attribute grants", "Invalid grant 'alice topic:orders"
                + " read,publish': unknown operation 'publish'; use all, read, write, create, delete, alter, describe,"
                + " cluster_action, describe_configs, alter_configs, idempotent_write");
    }

    private static void assertFailure(Class<?> testCase, String where, String problem) {
        assertEquals(List.of("@EmbeddedKafka on " + testCase.getName() + ", " + where + ": " + problem),
                classFailures(testCase));
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_PLAINTEXT, users = ":secret")
    static class NamelessUserTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_SSL)
    static class SaslWithoutUsersTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_PLAINTEXT, users = "alice")
    static class PasswordlessUserTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_PLAINTEXT, users = {"alice:one", "alice:two"})
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

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_PLAINTEXT, users = "alice:alice-secret", mutualTls = true)
    static class MutualTlsOnSaslPlaintextTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SSL, mutualTls = true)
    static class MutualTlsWithoutUsersTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_PLAINTEXT, users = "alice:alice-secret",
            saslMechanism = {SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_256})
    static class TwoMechanismsTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(saslMechanism = SaslMechanism.SCRAM_SHA_256)
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

    @EmbeddedKafka(grants = "alice topic:orders read,publish")
    static class UnknownOperationTestCase {
        @Test
        void never() {
        }
    }
}
