package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The faults a user's resilience test injects: a controller lost, ZooKeeper lost, and both coming back. */
class FaultsTest {

    /** KRaft: the active controller's node goes down; another voter takes over and topics can be created again. */
    @Test
    void aNewControllerTakesOverWhenTheActiveOneIsKilled() throws Exception {
        newControllerTakesOver(ClusterDefinition.builder().kafkaVersion("4.4.0"));
    }

    /** The scenario, on a KRaft cluster of three nodes made from {@code builder}. */
    static void newControllerTakesOver(ClusterDefinition.Builder builder) throws Exception {
        try (KafkaCluster cluster = builder.mode(Mode.KRAFT).brokers(3)
                .topic(Topic.parse("before:1:3"))
                .build().start();
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            int activeController = quorumLeader(admin);

            cluster.killBroker(activeController);

            AtomicReference<Integer> newController = new AtomicReference<>();
            assertTrue(ProcessState.eventually(60, () -> {
                Integer leader = quorumLeaderOrNull(admin);
                newController.set(leader);
                return leader != null && leader != activeController;
            }), () -> "a new controller was elected; the quorum leader is " + newController.get());
            assertTrue(ProcessState.eventually(60, () -> tryCreate(admin, "after", 3, (short) 2)),
                    "topic creation works again under the new controller");
            Clients.send(cluster, "after", 3);
            assertEquals(3, Clients.read(cluster, "after", 3, Duration.ofSeconds(30)).size());

            cluster.startBroker(activeController);
            assertTrue(ProcessState.eventually(60, () -> voterCaughtUp(admin, activeController)),
                    "the restarted node rejoins the quorum");
        }
    }

    /**
     * ZooKeeper mode: with ZooKeeper down nothing that needs it (a new topic) can happen; once it is back, the
     * brokers recover: topics can be created again and every acknowledged record is there.
     */
    @Test
    void brokersRecoverWhenZooKeeperComesBack() throws Exception {
        brokersRecoverWhenZooKeeperComesBack(ClusterDefinition.builder());
    }

    /** The scenario, on a ZooKeeper-mode cluster of two brokers made from {@code builder}. */
    static void brokersRecoverWhenZooKeeperComesBack(ClusterDefinition.Builder builder) throws Exception {
        try (KafkaCluster cluster = builder.mode(Mode.ZOOKEEPER).brokers(2)
                .topic(Topic.parse("orders:2:2"))
                .build().start();
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            Clients.send(cluster, "orders", 2);

            cluster.stopZooKeeper();
            ExecutionException refused = assertThrows(ExecutionException.class, () -> admin.createTopics(
                    List.of(new NewTopic("during", 1, (short) 1)), new CreateTopicsOptions().timeoutMs(3_000))
                    .all().get(30, TimeUnit.SECONDS), "a topic cannot be created without ZooKeeper");

            cluster.startZooKeeper();

            assertTrue(ProcessState.eventually(60, () -> tryCreate(admin, "after", 2, (short) 2)),
                    "topic creation works again once ZooKeeper is back (it failed with " + refused.getCause() + ")");
            Clients.send(cluster, "after", 2);
            Clients.send(cluster, "orders", 2);
            List<ConsumerRecord<String, String>> orders = Clients.read(cluster, "orders", 4, Duration.ofSeconds(30));
            assertEquals(4, orders.size(), "every acknowledged order is readable");
            assertEquals(2, Clients.read(cluster, "after", 2, Duration.ofSeconds(30)).size());
            assertNotEquals(List.of(), admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertEquals(2, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size(),
                    "both brokers are registered again");
        }
    }

    static int quorumLeader(Admin admin) throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
    }

    static Integer quorumLeaderOrNull(Admin admin) {
        try {
            return admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            return null;
        }
    }

    static boolean voterCaughtUp(Admin admin, int nodeId) {
        try {
            var info = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS);
            return info.voters().stream().anyMatch(voter -> voter.replicaId() == nodeId
                    && voter.logEndOffset() >= info.highWatermark());
        } catch (Exception e) {
            return false;
        }
    }

    static boolean tryCreate(Admin admin, String topic, int partitions, short replicationFactor) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)),
                    new CreateTopicsOptions().timeoutMs(5_000)).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException;
        } catch (Exception e) {
            return false;
        }
    }
}
