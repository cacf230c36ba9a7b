package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Secured listeners as a user's client meets them: the right credentials work, and a wrong password, an untrusted
 * certificate and a principal without a grant are refused with the error a real broker gives.
 */
class SecurityTest {

    /** SASL in ZooKeeper mode: PLAIN and both SCRAM mechanisms, and ACLs kept by ZooKeeper. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SaslWithAclsInZooKeeperMode {

        KafkaCluster cluster;

        @BeforeAll
        void start() {
            cluster = ClusterDefinition.builder()
                    .brokers(2)
                    .securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    .user("alice", "alice-secret")
                    .user("bob", "bob-secret")
                    .user("admin", "admin-secret")
                    .superUser("admin")
                    .grant(Grant.parse("alice topic:orders read,write,describe"))
                    .grant(Grant.parse("alice topic:orders read")) // the same binding twice: Kafka keeps one
                    .grant(Grant.parse("alice group:app-* read"))
                    .topic(Topic.parse("orders:2:2"))
                    .build().start();
        }

        @AfterAll
        void stop() {
            cluster.close();
        }

        @Test
        void aUserWithAGrantProducesAndConsumesWithEveryMechanism() throws Exception {
            for (String mechanism : List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")) {
                Map<String, String> login = withMechanism(cluster.clientProperties("alice"), mechanism);
                String value = "from-alice-" + mechanism;
                send(login, "orders", value);
                assertTrue(readValues(login, "orders", "app-" + UUID.randomUUID()).contains(value), mechanism);
            }
        }

        @Test
        void aWrongPasswordIsRefused() {
            Map<String, String> login = new HashMap<>(cluster.clientProperties("alice"));
            login.put("sasl.jaas.config", login.get("sasl.jaas.config").replace("alice-secret", "wrong"));
            for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> send(withMechanism(login, mechanism), "orders", "never"));
                assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), mechanism);
            }
        }

        @Test
        void aPrincipalWithoutAGrantIsRefused() {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> send(cluster.clientProperties("bob"), "orders", "never"));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }

        @Test
        void aSuperUserMayDoAnything() throws Exception {
            try (Admin admin = Admin.create(new HashMap<>(cluster.clientProperties("admin")))) {
                admin.createTopics(List.of(new NewTopic("audit", 1, (short) 2))).all().get(30, TimeUnit.SECONDS);
            }
            send(cluster.clientProperties("admin"), "audit", "by-admin");
        }

        @Test
        void theFirstUserIsTheDefault() {
            assertEquals(cluster.clientProperties("alice"), cluster.clientProperties());
            assertEquals("SASL_PLAINTEXT", cluster.clientProperties().get("security.protocol"));
            assertFalse(cluster.tlsDirectory().isPresent());
        }
    }

    /** Mutual TLS on Kafka 4: certificates generated at start, principals from their subjects, ACLs in KRaft. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MutualTlsWithAclsInKRaftMode {

        KafkaCluster cluster;

        @BeforeAll
        void start() {
            cluster = ClusterDefinition.builder()
                    .kafkaVersion("4.4.0")
                    .securityProtocol(SecurityProtocol.SSL)
                    .mutualTls(true)
                    .user("alice", "")
                    .user("bob", "")
                    .grant(Grant.parse("alice topic:payments all"))
                    .grant(Grant.parse("alice group:* read"))
                    .topic(Topic.parse("payments:1:1"))
                    .build().start();
        }

        @AfterAll
        void stop() {
            cluster.close();
        }

        @Test
        void theRightCertificateWorks() throws Exception {
            send(cluster.clientProperties("alice"), "payments", "paid");
            assertTrue(readValues(cluster.clientProperties("alice"), "payments", "g-" + UUID.randomUUID())
                    .contains("paid"));
        }

        @Test
        void aClientWithoutACertificateIsRefused() {
            Map<String, String> noCertificate = new HashMap<>(cluster.clientProperties("alice"));
            noCertificate.keySet().removeIf(key -> key.startsWith("ssl.keystore") || key.equals("ssl.key.password"));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> send(noCertificate, "payments", "never"));
            assertInstanceOf(SslAuthenticationException.class, refused.getCause());
        }

        @Test
        void aClientThatDoesNotTrustTheClusterIsRefused() {
            Map<String, String> untrusting = new HashMap<>(cluster.clientProperties("alice"));
            untrusting.keySet().removeIf(key -> key.startsWith("ssl.truststore")); // the JDK's CAs only
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> send(untrusting, "payments", "never"));
            assertInstanceOf(SslAuthenticationException.class, refused.getCause());
        }

        @Test
        void aCertifiedPrincipalWithoutAGrantIsRefused() {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> send(cluster.clientProperties("bob"), "payments", "never"));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }

        @Test
        void pemFilesAreHandedOutForOtherClients() throws Exception {
            Path tls = cluster.tlsDirectory().orElseThrow();
            for (String file : List.of("ca.pem", "truststore.p12", "alice.p12", "alice-cert.pem", "alice-key.pem")) {
                assertTrue(Files.isRegularFile(tls.resolve(file)), file);
            }
            assertTrue(Files.readString(tls.resolve("ca.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
            assertTrue(Files.readString(tls.resolve("alice-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(tls.resolve("alice-key.pem"))), "a private key is its owner's only");
        }
    }

    /** SCRAM over TLS on a 3-node KRaft cluster: credentials reach every node before the cluster is ready. */
    @Test
    void scramOverTlsOnThreeKRaftNodes() throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .mode(Mode.KRAFT)
                .brokers(3)
                .securityProtocol(SecurityProtocol.SASL_SSL)
                .saslMechanism(SaslMechanism.SCRAM_SHA_256)
                .user("carol", "carol-secret")
                .topic(Topic.parse("events:3:3"))
                .build().start()) {
            Map<String, String> login = cluster.clientProperties();
            assertEquals("SCRAM-SHA-256", login.get("sasl.mechanism"));
            // Each broker on its own, so that every node's credentials and certificate are exercised.
            for (Broker broker : cluster.brokers()) {
                Map<String, String> single = new HashMap<>(login);
                single.put("bootstrap.servers", broker.host() + ":" + broker.port());
                try (Admin admin = Admin.create(new HashMap<>(single))) {
                    assertEquals(cluster.clusterId(), admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
                }
            }
            send(login, "events", "e1");
            assertTrue(readValues(login, "events", "g").contains("e1"));
        }
    }

    static Map<String, String> withMechanism(Map<String, String> login, String mechanism) {
        Map<String, String> changed = new HashMap<>(login);
        changed.put("sasl.mechanism", mechanism);
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        changed.put("sasl.jaas.config", changed.get("sasl.jaas.config").replaceFirst("^\\S+", module));
        return changed;
    }

    static void send(Map<String, String> clientProperties, String topic, String value) throws Exception {
        Properties config = new Properties();
        config.putAll(clientProperties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    static List<String> readValues(Map<String, String> clientProperties, String topic, String group) {
        Properties config = new Properties();
        config.putAll(clientProperties);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
