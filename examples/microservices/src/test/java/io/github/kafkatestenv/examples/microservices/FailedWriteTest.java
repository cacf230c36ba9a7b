package io.github.kafkatestenv.examples.microservices;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * A service that cannot write its results stops without committing what it read, and the instance that replaces
 * it, once the topic takes writes again, handles that batch: no order step is lost. The notifications topic of
 * this test first rejects every record ({@code segment.bytes=14}, smaller than any batch).
 */
@ShopKafka
class FailedWriteTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A segment too small for any batch: the broker rejects every write, without retries or batch splitting. */
    private static final String SEGMENT_BYTES = "segment.bytes";

    @Test
    void commitsNothingItCouldNotWriteSoItsSuccessorCatchesUp(@BootstrapServers String bootstrapServers,
            @TopicName("dead-letters") String deadLetters, Admin admin, Producer<String, String> producer,
            Consumer<String, String> reader) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics("order-requests-" + run, "orders-" + run, "payments-" + run,
                "notifications-" + run, deadLetters);
        admin.createTopics(List.of(new NewTopic(topics.requests(), 3, (short) 1),
                new NewTopic(topics.orders(), 3, (short) 1), new NewTopic(topics.payments(), 3, (short) 1),
                new NewTopic(topics.notifications(), 3, (short) 1).configs(Map.of(SEGMENT_BYTES, "14"))))
                .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<String> orderIds = ShopTraffic.newOrderIds(10);

        try (OrderService orders = new OrderService(bootstrapServers, topics);
             PaymentService payments = new PaymentService(bootstrapServers, topics);
             NotificationService failing = new NotificationService(bootstrapServers, topics)) {
            orders.start();
            payments.start();
            failing.start();
            for (int step = 1; step <= ShopTraffic.STEPS; step++) {
                ShopTraffic.sendStep(producer, topics.requests(), orderIds, step, TIMEOUT);
            }
            assertTrue(failing.awaitStopped(TIMEOUT), "the notifications service went on without writing");
            assertInstanceOf(RecordBatchTooLargeException.class, failing.failure().getCause());

            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.notifications()),
                    List.of(new AlterConfigOp(new ConfigEntry(SEGMENT_BYTES, ""), AlterConfigOp.OpType.DELETE))))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            awaitWritable(producer, topics.notifications());
            try (NotificationService successor = new NotificationService(bootstrapServers, topics)) {
                successor.start();
                ShopTraffic.awaitAllProcessed(bootstrapServers, topics, TIMEOUT);
                assertNull(successor.failure(), "the new notifications service stopped on its own");
            }
        }

        ShopTraffic.assertNotified(ShopTraffic.expectedNotifications(orderIds),
                ShopTraffic.readToEnd(reader, topics.notifications(), orderIds, new HashMap<>(), TIMEOUT));
    }

    /** Sends probes until the brokers have applied the config change; each try is a round trip to the broker. */
    private static void awaitWritable(Producer<String, String> producer, String topic) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                producer.send(new ProducerRecord<>(topic, "probe", "probe")).get(TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordBatchTooLargeException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }
}
