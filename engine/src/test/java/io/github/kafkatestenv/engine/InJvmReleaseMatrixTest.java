package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Kafka release that runs in the JVM, used as a user would with the test's own kafka-clients 3.7.2. The
 * default suite runs the newest patch of the 3.9, 4.0, 4.2 and 4.4 lines, and security and a fault on 4.0 and 4.2;
 * every release, in every mode, with every feature, runs under the {@code release-matrix} tag (command in the
 * README; {@code -Dkafka.testenv.test.releases=4.1.2,4.3.0} runs only those).
 */
class InJvmReleaseMatrixTest {

    /** Releases of the default suite: the newest patch of 3.9, 4.0, 4.2 and 4.4. */
    private static final List<String> NEWEST_PATCHES = List.of("3.9.2", "4.0.2", "4.2.2", "4.4.0");

    /** Every other release on Maven Central of the lines that run in the JVM. */
    private static final List<String> OTHER_RELEASES = List.of("3.9.0", "3.9.1", "4.0.0", "4.0.1", "4.1.0", "4.1.1",
            "4.1.2", "4.2.0", "4.2.1", "4.3.0", "4.3.1", "4.3.2");

    static List<String> newestPatches() {
        return NEWEST_PATCHES;
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("newestPatches")
    void startsServesAKeyedRoundTripAndAGroupAndLeavesNothing(String version) throws Exception {
        roundTrip(release(version));
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"4.0.2", "4.2.2"})
    void scramOverTlsWithAnAcl(String version) throws Exception {
        saslOverTlsWithAcls(release(version));
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"4.0.2", "4.2.2"})
    void aKilledBrokerLosesNothingAcknowledged(String version) throws Exception {
        FailoverTest.leaderGoesDownAndComesBack(release(version).mode(Mode.KRAFT), "killed");
    }

    /**
     * Every release in every mode with every feature ({@code mvn -pl engine -am verify -Dgroups=release-matrix
     * -DexcludedGroups=}); the round trip of the newest patches is in the default suite already.
     */
    @Nested
    @Tag("release-matrix")
    class EveryRelease {

        static Stream<Arguments> releasesAndModes() {
            return selected(Stream.concat(OTHER_RELEASES.stream(), NEWEST_PATCHES.stream())).flatMap(version ->
                    (version.startsWith("3.") ? Stream.of(Mode.ZOOKEEPER, Mode.KRAFT) : Stream.of(Mode.KRAFT))
                            .map(mode -> Arguments.of(version, mode)));
        }

        static Stream<Arguments> otherReleasesAndModes() {
            return releasesAndModes().filter(arguments -> OTHER_RELEASES.contains((String) arguments.get()[0]));
        }

        @ParameterizedTest(name = "Kafka {0} mode {1}")
        @MethodSource("otherReleasesAndModes")
        void roundTripAndNothingLeft(String version, Mode mode) throws Exception {
            roundTrip(release(version).mode(mode));
        }

        @ParameterizedTest(name = "Kafka {0} mode {1}")
        @MethodSource("releasesAndModes")
        void saslPlainAndScramOverTlsWithAcls(String version, Mode mode) throws Exception {
            saslOverTlsWithAcls(release(version).mode(mode));
        }

        @ParameterizedTest(name = "Kafka {0} mode {1}")
        @MethodSource("releasesAndModes")
        void mutualTlsWithAcls(String version, Mode mode) throws Exception {
            try (KafkaCluster cluster = release(version).mode(mode)
                    .securityProtocol(SecurityProtocol.SSL).mutualTls(true)
                    .user("alice", "").user("bob", "")
                    .grant(Grant.parse("alice topic:payments all"))
                    .grant(Grant.parse("alice group:* read"))
                    .topic(Topic.parse("payments:1:1"))
                    .build().start()) {
                SecurityTest.send(cluster.clientProperties("alice"), "payments", "paid");
                assertTrue(SecurityTest.readValues(cluster.clientProperties("alice"), "payments",
                        "g-" + UUID.randomUUID()).contains("paid"));
                assertRefused(cluster.clientProperties("bob"), "payments");
            }
        }

        @ParameterizedTest(name = "Kafka {0} mode {1}, leader {2}")
        @MethodSource("faults")
        void leaderStoppedOrKilledLosesNothingAcknowledged(String version, Mode mode, String how) throws Exception {
            FailoverTest.leaderGoesDownAndComesBack(release(version).mode(mode), how);
        }

        static Stream<Arguments> faults() {
            return releasesAndModes().flatMap(arguments -> Stream.of("stopped", "killed")
                    .map(how -> Arguments.of(arguments.get()[0], arguments.get()[1], how)));
        }

        @ParameterizedTest(name = "Kafka {0}")
        @MethodSource("releases")
        void aNewControllerTakesOverWhenTheActiveOneIsKilled(String version) throws Exception {
            FaultsTest.newControllerTakesOver(release(version));
        }

        static Stream<String> releases() {
            return selected(Stream.concat(OTHER_RELEASES.stream(), NEWEST_PATCHES.stream()));
        }

        static Stream<String> zooKeeperReleases() {
            return releases().filter(version -> version.startsWith("3."));
        }

        @ParameterizedTest(name = "Kafka {0}")
        @MethodSource("zooKeeperReleases")
        void brokersRecoverWhenZooKeeperComesBack(String version) throws Exception {
            FaultsTest.brokersRecoverWhenZooKeeperComesBack(release(version));
        }
    }

    /** {@code releases}, or those of them {@code -Dkafka.testenv.test.releases=4.1.2,...} names. */
    private static Stream<String> selected(Stream<String> releases) {
        String only = System.getProperty("kafka.testenv.test.releases", "").trim();
        return only.isEmpty() ? releases : releases.filter(List.of(only.split("\\s*,\\s*"))::contains);
    }

    /**
     * A builder for Kafka {@code version} in the JVM: the engine finds a built-in release itself, and resolves any
     * other from the repositories, as it does for a user.
     */
    static ClusterDefinition.Builder release(String version) {
        return ClusterDefinition.builder().kafkaVersion(version).placement(Placement.IN_JVM);
    }

    /**
     * Starts with declared topics, sends keyed records and reads them back, lets a consumer group commit and a
     * second member resume where it left off, then closes: nothing may be left behind.
     */
    private static void roundTrip(ClusterDefinition.Builder builder) throws Exception {
        LeftBehind leftBehind = LeftBehind.before();
        useAndClose(builder, leftBehind);
        leftBehind.assertNothingLeft(true);
    }

    /** A method of its own, so that no local variable of the caller's frame still holds the closed cluster. */
    private static void useAndClose(ClusterDefinition.Builder builder, LeftBehind leftBehind) throws Exception {
        ClusterDefinition definition = builder.topic(Topic.parse("orders:3:1"))
                .topic(Topic.of("audit").withConfig("cleanup.policy", "compact")).build();
        try (KafkaCluster cluster = leftBehind.track(definition.start());
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            assertEquals(definition.kafkaVersion(), cluster.kafkaVersion());
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(List.of("orders", "audit")));

            List<String> sent = Clients.send(cluster, "orders", 20);
            String group = "orders-" + UUID.randomUUID();
            List<ConsumerRecord<String, String>> first = readAndCommit(cluster, group, 20);
            assertEquals(new HashSet<>(sent), values(first), "every keyed record read back");
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (ConsumerRecord<String, String> record : first) {
                assertEquals(record.partition(), partitionOfKey.computeIfAbsent(record.key(), k -> record.partition()),
                        "one partition per key");
            }
            long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertEquals(20, committed, "the group committed every record it read");

            List<String> later = Clients.send(cluster, "orders", 5);
            assertEquals(new HashSet<>(later), values(readAndCommit(cluster, group, 5)),
                    "a new member of the group resumes from the committed offsets");
        }
    }

    private static List<ConsumerRecord<String, String>> readAndCommit(KafkaCluster cluster, String group, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, String> consumer = Clients.consumer(cluster, group)) {
            consumer.subscribe(List.of("orders"));
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            consumer.commitSync(Duration.ofSeconds(30));
        }
        return records;
    }

    private static Set<String> values(List<ConsumerRecord<String, String>> records) {
        Set<String> values = new HashSet<>();
        records.forEach(record -> values.add(record.value()));
        return values;
    }

    /** SASL over TLS with every mechanism a broker accepts, a grant for alice and none for bob. */
    private static void saslOverTlsWithAcls(ClusterDefinition.Builder builder) throws Exception {
        try (KafkaCluster cluster = builder.securityProtocol(SecurityProtocol.SASL_SSL)
                .saslMechanism(SaslMechanism.SCRAM_SHA_512)
                .user("alice", "alice-secret").user("bob", "bob-secret")
                .grant(Grant.parse("alice topic:orders read,write,describe"))
                .grant(Grant.parse("alice group:app-* read"))
                .topic(Topic.parse("orders:2:1"))
                .build().start()) {
            for (String mechanism : List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")) {
                Map<String, String> login = SecurityTest.withMechanism(cluster.clientProperties("alice"), mechanism);
                String value = "from-alice-" + mechanism;
                SecurityTest.send(login, "orders", value);
                assertTrue(SecurityTest.readValues(login, "orders", "app-" + UUID.randomUUID()).contains(value),
                        mechanism);
            }
            assertRefused(cluster.clientProperties("bob"), "orders");
        }
    }

    private static void assertRefused(Map<String, String> login, String topic) {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> SecurityTest.send(login, topic, "never"));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
    }
}
