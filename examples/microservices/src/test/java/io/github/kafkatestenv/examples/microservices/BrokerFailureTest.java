package io.github.kafkatestenv.examples.microservices;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/**
 * Three brokers, every topic replicated three times with {@code min.insync.replicas=2}: one broker may go away
 * mid-flow and come back without an order step lost or handled twice. A class of its own, as it stops a broker.
 */
@EmbeddedKafka(brokers = 3, freshCluster = true, topics = {
        @Topic(name = "order-requests", partitions = 3, replicationFactor = 3, configs = "min.insync.replicas=2"),
        @Topic(name = "orders", partitions = 3, replicationFactor = 3, configs = "min.insync.replicas=2"),
        @Topic(name = "payments", partitions = 3, replicationFactor = 3, configs = "min.insync.replicas=2"),
        @Topic(name = "notifications", partitions = 3, replicationFactor = 3, configs = "min.insync.replicas=2"),
        @Topic(name = "dead-letters", replicationFactor = 3, configs = "min.insync.replicas=2")})
class BrokerFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Topics TOPICS = Topics.DEFAULT;

    @Test
    void losesAndRepeatsNoOrderStepWhenABrokerStopsMidFlow(KafkaCluster cluster,
            @BootstrapServers String bootstrapServers, Admin admin, Producer<String, String> producer,
            @KafkaClient(topic = "notifications") Consumer<String, String> watcher,
            Consumer<String, String> reader) throws Exception {
        List<String> orderIds = ShopTraffic.newOrderIds(30);
        int stopped = leaderOfFirstNotificationsPartition(admin);

        try (Shop shop = Shop.start(bootstrapServers, TOPICS)) {
            ShopTraffic.sendStep(producer, TOPICS.requests(), orderIds, 1, TIMEOUT);
            Records.read(watcher, 5, TIMEOUT);                      // the flow is under way

            cluster.stopBroker(stopped);
            ShopTraffic.sendStep(producer, TOPICS.requests(), orderIds, 2, TIMEOUT);
            Records.read(watcher, 5, TIMEOUT);                      // and goes on with two brokers

            cluster.startBroker(stopped);
            ShopTraffic.sendStep(producer, TOPICS.requests(), orderIds, 3, TIMEOUT);
            ShopTraffic.awaitAllProcessed(bootstrapServers, TOPICS, TIMEOUT);
            assertNull(shop.failure(), "a service stopped on its own");
        }

        Map<String, List<Integer>> partitions = new HashMap<>();
        ShopTraffic.assertNotified(ShopTraffic.expectedNotifications(orderIds),
                ShopTraffic.readToEnd(reader, TOPICS.notifications(), orderIds, partitions, TIMEOUT));
        ShopTraffic.assertOnePartitionPerOrder(partitions);
    }

    /** The broker that leads partition 0 of the notifications topic: stopping it moves a leader the flow uses. */
    private static int leaderOfFirstNotificationsPartition(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPICS.notifications())).allTopicNames()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(TOPICS.notifications())
                .partitions().get(0).leader().id();
    }
}
