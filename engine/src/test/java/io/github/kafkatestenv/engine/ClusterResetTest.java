package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link KafkaCluster#reset()}: whatever a test left (records, offsets, groups, topics, SCRAM users, ACLs, a stopped
 * broker), afterwards the cluster shows what a fresh start of its definition shows.
 */
class ClusterResetTest {

    @ParameterizedTest(name = "Kafka {0} {1}, secured: a reset leaves only what was declared")
    @CsvSource({"3.9.2, ZOOKEEPER", "4.4.0, KRAFT"})
    void resetLeavesOnlyWhatWasDeclared(String version, Mode mode) throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder().kafkaVersion(version).mode(mode).brokers(2)
                .securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .user("admin", "admin-secret").user("bob", "bob-secret").superUser("admin")
                .grant(Grant.parse("bob topic:orders read"))
                .topic(Topic.parse("orders:3:2")).topic(Topic.parse("audit"))
                .build();
        try (KafkaCluster cluster = definition.start();
             Admin admin = Admin.create(properties(cluster.clientProperties("admin")))) {
            leaveTraces(cluster, admin);
            cluster.stopBroker(1);

            long started = System.nanoTime();
            cluster.reset();
            long resetMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            started = System.nanoTime();
            cluster.reset();
            long quietResetMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("Kafka %s %s, 2 brokers, SASL and ACLs: reset after a test %d ms, with nothing to undo"
                    + " %d ms%n", version, mode, resetMs, quietResetMs);

            assertTrue(cluster.isRunning(1), "the stopped broker runs again");
            assertShowsOnlyTheDeclared(admin, Set.of("orders", "audit"), 3);
            assertEquals(Set.of("admin", "bob"), admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS)
                    .keySet(), "SCRAM users");
            assertEquals(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
                    new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.ALLOW))),
                    List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)), "ACLs");
            send(cluster, "admin", "orders");
            assertEquals(1, endOffsets(admin, "orders").values().stream().mapToLong(Long::longValue).sum(),
                    "the declared user still logs in and writes");
        }
    }

    @ParameterizedTest(name = "Kafka {0} {1} in processes, plain: a reset leaves only what was declared")
    @CsvSource({"3.9.2, KRAFT"})
    void resetInProcesses(String version, Mode mode) throws Exception {
        ClusterDefinition definition = ClusterDefinition.builder().kafkaVersion(version).mode(mode)
                .placement(Placement.PROCESSES).topic(Topic.parse("orders:2:1")).build();
        try (KafkaCluster cluster = definition.start();
             Admin admin = Admin.create(properties(cluster.clientProperties()))) {
            Clients.send(cluster, "orders", 3);
            admin.createTopics(List.of(new NewTopic("extra", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            commitInGroup(cluster.clientProperties(), "orders", "left-behind");
            long started = System.nanoTime();
            cluster.reset();
            System.out.printf("Kafka %s %s in processes, plain: reset after a test %d ms%n", version, mode,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertShowsOnlyTheDeclared(admin, Set.of("orders"), 2);
        }
    }

    /** Records, committed offsets, a group, an extra topic, a SCRAM user, an ACL, a declared ACL deleted. */
    private static void leaveTraces(KafkaCluster cluster, Admin admin) throws Exception {
        send(cluster, "admin", "orders");
        admin.createTopics(List.of(new NewTopic("extra", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        commitInGroup(cluster.clientProperties("admin"), "orders", "left-behind");
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("mallory",
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), "mallory-secret")))
                .all().get(30, TimeUnit.SECONDS);
        admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, "m", PatternType.PREFIXED),
                new AccessControlEntry("User:mallory", "*", AclOperation.READ, AclPermissionType.ALLOW))))
                .all().get(30, TimeUnit.SECONDS);
        admin.deleteAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
                new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.ALLOW)).toFilter()))
                .all().get(30, TimeUnit.SECONDS);
        assertEquals(Set.of("left-behind"), groups(admin), "the group the test left");
    }

    static void assertShowsOnlyTheDeclared(Admin admin, Set<String> topics, int partitionsOfOrders) throws Exception {
        assertEquals(new TreeSet<>(topics), new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS)),
                "topics");
        TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("orders");
        assertEquals(partitionsOfOrders, orders.partitions().size(), "partitions of orders");
        for (String topic : topics) {
            endOffsets(admin, topic).forEach((partition, offset) ->
                    assertEquals(0L, offset, "end offset of " + partition + ": the topic is new and empty"));
        }
        assertEquals(Set.of(), groups(admin), "consumer groups");
    }

    static Set<String> groups(Admin admin) throws Exception {
        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS);
        return groups.stream().map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private static void send(KafkaCluster cluster, String user, String topic) throws Exception {
        Properties config = properties(cluster.clientProperties(user));
        config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        config.put("max.block.ms", "60000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(60, TimeUnit.SECONDS);
        }
    }

    /** Reads from {@code topic} in {@code group} until a record came, and commits its offset. */
    static void commitInGroup(Map<String, String> login, String topic, String group) {
        Properties config = properties(login);
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<Object> seen = new ArrayList<>();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            assertTrue(!seen.isEmpty(), "a record arrived in group " + group);
            consumer.commitSync(Duration.ofSeconds(30));
        }
    }

    static Properties properties(Map<String, String> map) {
        Properties properties = new Properties();
        properties.putAll(map);
        return properties;
    }
}
