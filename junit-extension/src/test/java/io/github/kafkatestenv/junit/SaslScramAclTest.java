package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * SASL (SCRAM-SHA-512) with ACLs, declared on the annotation: injected clients log in as the first declared user, or
 * as {@code @KafkaClient(user = ...)}, and the broker's authorizer decides what each may do. The same cluster then
 * plays an existing secured cluster, reached with {@code kafka.testenv.client.*} settings.
 */
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 2), @Topic(name = "orders.billing")},
        securityProtocol = SecurityProtocol.SASL_PLAINTEXT, saslMechanism = SaslMechanism.SCRAM_SHA_512,
        users = {"alice:alice-secret", "bob:bob-secret", "admin:admin-secret"},
        superUsers = "admin",
        grants = {"alice topic:orders* read,write,describe", "alice group:kafka-testenv-* read",
                "alice group:billing read"})
class SaslScramAclTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static final Map<String, Object> seen = new ConcurrentHashMap<>();

    @Test
    void theGrantedUserProducesAndConsumes(Producer<String, String> producer,
            @KafkaClient(topic = "orders") Consumer<String, String> consumer) throws Exception {
        String value = "created-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>("orders", "o-1", value), TIMEOUT);

        List<ConsumerRecord<String, String>> records = Records.read(consumer, 1, TIMEOUT);
        assertTrue(records.stream().anyMatch(r -> r.key().equals("o-1") && r.value().equals(value)),
                records.toString());
    }

    @Test
    void aUserWithoutAGrantIsRefused(@KafkaClient(user = "bob") Producer<String, String> producer) {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>("orders", "o-2", "never")).get(30, TimeUnit.SECONDS));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
    }

    @Test
    void theFirstDeclaredUserIsTheDefault(Admin alice, @KafkaClient(user = "admin") Admin admin) throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> alice.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        assertInstanceOf(ClusterAuthorizationException.class, refused.getCause());

        Set<String> grants = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
                .filter(acl -> acl.entry().principal().equals("User:alice"))
                .map(SaslScramAclTest::describe).collect(Collectors.toSet());
        assertEquals(Set.of("TOPIC orders* READ", "TOPIC orders* WRITE", "TOPIC orders* DESCRIBE",
                "GROUP kafka-testenv-* READ", "GROUP billing READ"), grants);
    }

    @Test
    void annotationPropertiesWinOverTheUsersLogin(@KafkaClient(user = "bob", properties = "sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
            + " password=\"alice-secret\";") Producer<String, String> bobLoggedInAsAlice) throws Exception {
        Records.send(bobLoggedInAsAlice, new ProducerRecord<>("orders", "o-3", "as-alice"), TIMEOUT);
    }

    @Test
    void awaitsAGroupWithTheClusterClientProperties(Producer<String, String> producer,
            @KafkaClient(topic = "orders.billing", groupId = "billing") Consumer<String, String> consumer,
            KafkaCluster cluster) throws Exception {
        Records.send(producer, new ProducerRecord<>("orders.billing", "b-1", "billed"), TIMEOUT);
        assertEquals("billed", Records.read(consumer, 1, TIMEOUT).get(0).value());
        consumer.commitSync();

        Records.awaitConsumed(cluster.clientProperties("admin"), "billing", "orders.billing", TIMEOUT);
    }

    @Test
    void servesAsAnExistingClusterWithClientSettingsFromSystemProperties(KafkaCluster cluster,
            @KafkaClient(user = "admin") Admin admin) throws Exception {
        Map<String, String> login = new TreeMap<>();
        cluster.clientProperties("admin").forEach((key, value) -> login.put(EmbeddedKafka.CLIENT_PROPERTY_PREFIX
                + key, value));
        login.remove(EmbeddedKafka.CLIENT_PROPERTY_PREFIX + "bootstrap.servers");
        EngineExecutionResults results = runAsExistingCluster(cluster, login);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(1));
        assertEquals(List.of("parameter 0 of ExistingClusterTestCase.asBob(...) logs in as user 'bob' "
                + "(@KafkaClient(user = ...)), which the existing cluster " + cluster.bootstrapServers()
                + " (system property kafka.testenv.bootstrap.servers / environment variable "
                + "KAFKA_TESTENV_BOOTSTRAP_SERVERS) does not give: there every client connects with the "
                + "kafka.testenv.client.* system properties"), TestKit.skipReasons(results.testEvents()));
        String audit = (String) seen.get("audit");
        assertTrue(audit.matches("kafka-testenv-[0-9a-f]{8}-audit"), audit);
        String prefix = audit.substring(0, audit.length() - "audit".length());
        Set<String> left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertFalse(left.stream().anyMatch(name -> name.startsWith(prefix)), "left behind: " + left);
    }

    /**
     * What a build that starts the cluster with {@code kafka:start} passes to its tests: the two properties it
     * publishes, {@code kafka.testenv.bootstrap.servers} and {@code kafka.testenv.client.properties}, a file.
     */
    @Test
    void servesAsAnExistingClusterWithTheClientPropertiesFileKafkaStartPublishes(KafkaCluster cluster,
            @TempDir Path directory) throws Exception {
        Properties login = new Properties();
        login.putAll(cluster.clientProperties("admin"));
        Path file = directory.resolve("client.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            login.store(out, "as kafka:start writes it");
        }
        EngineExecutionResults results = runAsExistingCluster(cluster,
                Map.of(EmbeddedKafka.CLIENT_PROPERTIES_FILE_PROPERTY, file.toString()));

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(1));
        assertTrue(((String) seen.get("audit")).matches("kafka-testenv-[0-9a-f]{8}-audit"), seen.toString());
    }

    /** Runs {@link ExistingClusterTestCase} against {@code cluster} as an existing one, with these properties set. */
    private static EngineExecutionResults runAsExistingCluster(KafkaCluster cluster, Map<String, String> properties) {
        seen.clear();
        properties.forEach(System::setProperty);
        System.setProperty(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, cluster.bootstrapServers());
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(ExistingClusterTestCase.class))
                    .execute();
        } finally {
            properties.keySet().forEach(System::clearProperty);
            System.clearProperty(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY);
        }
    }

    private static String describe(AclBinding acl) {
        return acl.pattern().resourceType() + " " + acl.pattern().name()
                + (acl.pattern().patternType().name().equals("PREFIXED") ? "*" : "") + " " + acl.entry().operation();
    }

    /**
     * Run against the cluster above as an existing one: its own security attributes do not apply there, so its
     * clients use the {@code kafka.testenv.client.*} login (the super user's) to create the topic and round-trip.
     */
    @EmbeddedKafka(topics = @Topic(name = "audit"), securityProtocol = SecurityProtocol.SASL_SSL,
            users = {"carol:carol-secret", "bob:bob-secret"})
    static class ExistingClusterTestCase {
        @Test
        void roundTrips(@TopicName("audit") String audit, Producer<String, String> producer,
                @KafkaClient(topic = "audit") Consumer<String, String> consumer) throws Exception {
            seen.put("audit", audit);
            Records.send(producer, new ProducerRecord<>(audit, "a-1", "audited"), TIMEOUT);
            assertEquals("audited", Records.read(consumer, 1, TIMEOUT).get(0).value());
        }

        @Test
        void asBob(@KafkaClient(user = "bob") Producer<String, String> producer) {
        }
    }
}
