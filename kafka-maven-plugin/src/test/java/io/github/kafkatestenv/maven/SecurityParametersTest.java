package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the cluster goals make of their security parameters (securityProtocol, users, saslMechanism, mutualTls,
 * authorizer, superUsers, grants), configured as Maven configures {@code run}; {@code start} shares them.
 */
class SecurityParametersTest {

    @Test
    void defaultIsAPlaintextListenerWithoutUsersOrAcls() throws Exception {
        ClusterDefinition definition = definition("");

        assertEquals(SecurityProtocol.PLAINTEXT, definition.securityProtocol());
        assertEquals(List.of(), definition.users());
        assertFalse(definition.authorizer());
        assertFalse(definition.mutualTls());
    }

    @Test
    void commandLineDescribesUsersGrantsAndSuperUsers() throws Exception {
        ClusterDefinition definition = definition("", "kafka.testenv.securityProtocol", "sasl_ssl",
                "kafka.testenv.users", "alice:alice-secret, bob:bob-secret", "kafka.testenv.saslMechanism",
                "scram-sha-256",
                "kafka.testenv.superUsers", "admin,User:ops",
                "kafka.testenv.grants", "alice topic:orders read,write; alice group:orders-* read");

        assertEquals(SecurityProtocol.SASL_SSL, definition.securityProtocol());
        assertEquals(List.of(new User("alice", "alice-secret"), new User("bob", "bob-secret")), definition.users());
        assertEquals(SaslMechanism.SCRAM_SHA_256, definition.saslMechanism());
        assertEquals(List.of("User:admin", "User:ops"), definition.superUsers());
        assertEquals(List.of(Grant.parse("alice topic:orders read,write"), Grant.parse("alice group:orders-* read")),
                definition.grants());
        assertTrue(definition.authorizer(), "grants imply the authorizer");
    }

    @Test
    void pomTakesNestedUsersAndOneGrantPerElement() throws Exception {
        ClusterDefinition definition = definition("""
                <securityProtocol>SSL</securityProtocol>
                <mutualTls>true</mutualTls>
                <users>
                  <user><name>alice</name><password>alice-secret</password></user>
                  <user>bob:bob-secret</user>
                  <user><name>carol</name></user>
                </users>
                <superUsers><superUser>carol</superUser></superUsers>
                <grants>
                  <grant>alice topic:orders read,write</grant>
                  <grant>bob topic:* describe</grant>
                </grants>""");

        assertEquals(SecurityProtocol.SSL, definition.securityProtocol());
        assertTrue(definition.mutualTls());
        assertEquals(List.of(new User("alice", "alice-secret"), new User("bob", "bob-secret"), new User("carol", "")),
                definition.users());
        assertEquals(List.of("User:carol"), definition.superUsers());
        assertEquals(List.of(Grant.parse("alice topic:orders read,write"), Grant.parse("bob topic:* describe")),
                definition.grants());
    }

    @Test
    void pomTakesGrantsAsOneTextSeparatedBySemicolons() throws Exception {
        ClusterDefinition definition = definition("""
                <securityProtocol>SASL_PLAINTEXT</securityProtocol>
                <users>alice:alice-secret</users>
                <grants>alice topic:orders read,write;alice group:app read</grants>""");

        assertEquals(List.of(Grant.parse("alice topic:orders read,write"), Grant.parse("alice group:app read")),
                definition.grants());
    }

    @Test
    void authorizerWithoutGrantsLetsNobodyButSuperUsersIn() throws Exception {
        ClusterDefinition definition = definition("", "kafka.testenv.securityProtocol", "SASL_PLAINTEXT",
                "kafka.testenv.users", "alice:alice-secret", "kafka.testenv.authorizer", "true");

        assertTrue(definition.authorizer());
        assertEquals(List.of(), definition.grants());
    }

    @Test
    void usersNeverShowTheirPasswords() {
        UserParameter user = new UserParameter();
        user.set("alice:alice-secret");

        assertEquals("alice", user.toString());
    }

    @Nested
    @DisplayName("reports failure")
    class ReportsFailure {

        private static final String SASL = "kafka.testenv.securityProtocol";

        @Test
        void unknownSecurityProtocol() {
            assertInvalid("Invalid parameter securityProtocol (-Dkafka.testenv.securityProtocol): Unknown security"
                    + " protocol 'SASL_TLS': use PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL", SASL, "SASL_TLS");
        }

        @Test
        void usersOnAPlaintextListener() {
            assertInvalid("Invalid parameters users (-Dkafka.testenv.users), securityProtocol"
                    + " (-Dkafka.testenv.securityProtocol), mutualTls (-Dkafka.testenv.mutualTls): Users [alice] are"
                    + " declared, but with securityProtocol PLAINTEXT nobody logs in: use SASL_PLAINTEXT, SASL_SSL, or"
                    + " SSL with mutualTls, or remove the users", "kafka.testenv.users", "alice:alice-secret");
        }

        @Test
        void saslWithoutUsers() {
            assertInvalid("Invalid parameters users (-Dkafka.testenv.users), securityProtocol"
                    + " (-Dkafka.testenv.securityProtocol): securityProtocol SASL_SSL needs at least one user to log"
                    + " in: declare one in users, for example alice:alice-secret", SASL, "SASL_SSL");
        }

        @Test
        void saslUserWithoutPassword() {
            assertInvalid("Invalid parameters users (-Dkafka.testenv.users), securityProtocol"
                    + " (-Dkafka.testenv.securityProtocol): User 'alice' has no password, which SASL_PLAINTEXT needs:"
                    + " declare it as alice:<password>", SASL, "SASL_PLAINTEXT", "kafka.testenv.users", "alice");
        }

        @Test
        void userWithoutName() {
            assertInvalid("Invalid parameter users (-Dkafka.testenv.users): Invalid user: it has no name before the"
                    + " ':'; use name:password, for example alice:alice-secret",
                    SASL, "SASL_PLAINTEXT", "kafka.testenv.users", ":secret");
        }

        @Test
        void unknownSaslMechanism() {
            assertInvalid("Invalid parameter saslMechanism (-Dkafka.testenv.saslMechanism): Unknown SASL mechanism"
                    + " 'GSSAPI': use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512", SASL, "SASL_PLAINTEXT",
                    "kafka.testenv.users", "alice:alice-secret", "kafka.testenv.saslMechanism", "GSSAPI");
        }

        @Test
        void mutualTlsWithoutTls() {
            assertInvalid("Invalid parameters mutualTls (-Dkafka.testenv.mutualTls), securityProtocol"
                    + " (-Dkafka.testenv.securityProtocol): mutualTls needs a TLS listener, but securityProtocol is"
                    + " SASL_PLAINTEXT: use SSL or SASL_SSL", SASL, "SASL_PLAINTEXT",
                    "kafka.testenv.users", "alice:alice-secret", "kafka.testenv.mutualTls", "true");
        }

        @Test
        void grantWithAnUnknownOperation() {
            assertInvalid("Invalid parameter grants (-Dkafka.testenv.grants): Invalid grant 'alice topic:orders rede':"
                    + " unknown operation 'rede'; use all, read, write, create, delete, alter, describe,"
                    + " cluster_action,"
                    + " describe_configs, alter_configs, idempotent_write", SASL, "SASL_PLAINTEXT",
                    "kafka.testenv.users", "alice:alice-secret", "kafka.testenv.grants", "alice topic:orders rede");
        }

        @Test
        void grantWithoutOperations() {
            assertInvalid("Invalid parameter grants (-Dkafka.testenv.grants): Invalid grant 'alice topic:orders': use"
                    + " '<user> <resource> <operations>', for example 'alice topic:orders read,write' or"
                    + " 'alice group:billing-* read'", SASL, "SASL_PLAINTEXT",
                    "kafka.testenv.users", "alice:alice-secret", "kafka.testenv.grants", "alice topic:orders");
        }

        @Test
        void grantOnAnUnknownResourceType() {
            assertInvalid("Invalid parameter grants (-Dkafka.testenv.grants): Invalid grant 'alice queue:orders read':"
                    + " unknown resource type 'queue'; use topic, group, cluster, transactional_id",
                    "kafka.testenv.grants", "alice queue:orders read");
        }

        private void assertInvalid(String expected, String... properties) {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                    () -> definition("", properties));
            assertEquals(expected, failure.getMessage());
            assertInstanceOf(InvalidSettingException.class, failure.getCause());
        }
    }

    private static ClusterDefinition definition(String pomConfiguration, String... properties) throws Exception {
        Map<String, String> userProperties = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            userProperties.put(properties[i], properties[i + 1]);
        }
        RunMojo run = GoalHarness.configure("run", pomConfiguration, userProperties);
        return run.definition();
    }
}
