package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's fault test: with three replicas and {@code min.insync.replicas=2}, the partition leader is stopped, or
 * killed (no controlled shutdown: the cluster only learns it is gone when its session ends), while a producer sends
 * with {@code acks=all}. Nothing acknowledged may be lost, and the broker, started again, must rejoin the ISR.
 */
class FailoverTest {

    private static final String TOPIC = "payments";

    @ParameterizedTest(name = "Kafka {0} mode {1}, leader {2}, {3}")
    @CsvSource({"3.9.2, ZOOKEEPER, stopped, IN_JVM", "3.9.2, ZOOKEEPER, killed, IN_JVM", "4.4.0, KRAFT, killed, IN_JVM",
            "3.9.2, ZOOKEEPER, killed, PROCESSES", "4.4.0, KRAFT, killed, PROCESSES"})
    void acknowledgedRecordsSurviveTheLeaderGoingDown(String version, Mode mode, String how, Placement placement)
            throws Exception {
        leaderGoesDownAndComesBack(ClusterDefinition.builder().kafkaVersion(version).mode(mode)
                .placement(placement), how);
    }

    /** The scenario, on a cluster of three brokers made from {@code builder}; {@code how} is stopped or killed. */
    static void leaderGoesDownAndComesBack(ClusterDefinition.Builder builder, String how) throws Exception {
        ClusterDefinition definition = builder.brokers(3)
                .topic(Topic.parse(TOPIC + ":1:3").withConfig("min.insync.replicas", "2"))
                // A killed KRaft broker is fenced when its session ends: 4 s here instead of Kafka's 9 s.
                .brokerProperty("broker.session.timeout.ms", "4000")
                .brokerProperty("broker.heartbeat.interval.ms", "500")
                .build();
        try (KafkaCluster cluster = definition.start();
             Admin admin = ClusterLifecycleTest.admin(cluster)) {
            AcknowledgedRecords records = AcknowledgedRecords.produce(cluster, TOPIC);
            records.awaitMore(50);
            int leader = takeDownLeader(cluster, admin, TOPIC, how, records);
            cluster.startBroker(leader);
            assertTrue(cluster.isRunning(leader));
            if (definition.placement() == Placement.PROCESSES && how.equals("killed")) {
                // SIGKILL left no clean-shutdown marker: the restarted broker recovered its logs.
                assertTrue(java.nio.file.Files.readString(cluster.logFile())
                                .contains("since no clean shutdown file was found"),
                        "the restarted broker ran Kafka's log recovery");
            }
            assertTrue(ProcessState.eventually(60, () -> isr(admin, TOPIC).contains(leader)),
                    () -> "broker " + leader + " rejoins the ISR, which is " + isr(admin, TOPIC));
            records.awaitMore(50);
            records.stopAndAssertNothingLost();
        }
    }

    /**
     * Stops or kills the leader of {@code topic}'s first partition while {@code records} are produced, and checks
     * that another broker took over and that acknowledgements go on; returns the id of the broker that went down.
     */
    static int takeDownLeader(KafkaCluster cluster, Admin admin, String topic, String how,
                              AcknowledgedRecords records) {
        int leader = describe(admin, topic).partitions().get(0).leader().id();
        if (how.equals("killed")) {
            cluster.killBroker(leader);
        } else {
            cluster.stopBroker(leader);
        }
        assertFalse(cluster.isRunning(leader));
        records.awaitMore(50);
        int newLeader = describe(admin, topic).partitions().get(0).leader().id();
        assertTrue(newLeader != leader, "a new leader took over");
        return leader;
    }

    static TopicDescription describe(Admin admin, String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The in-sync replicas of {@code topic}'s first partition. */
    static Set<Integer> isr(Admin admin, String topic) {
        Set<Integer> ids = new HashSet<>();
        for (Node node : describe(admin, topic).partitions().get(0).isr()) {
            ids.add(node.id());
        }
        return ids;
    }
}
