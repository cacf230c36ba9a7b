package io.github.kafkatestenv.examples.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import io.github.kafkatestenv.junit.TopicName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology as it runs in production, against a real Kafka 4.4 cluster: one application instance, started once
 * for the class, fed customers and orders, and checked for its results, its internal topics, its consumer group and
 * its transactions.
 */
@EmbeddedKafka(kafkaVersion = "4.4.0", topics = {
        @Topic(name = "orders", partitions = 3),
        @Topic(name = "customers", partitions = 2),
        @Topic(name = "orders-per-country", partitions = 2)})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersPerCountryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String applicationId = "orders-per-country-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaStreams streams;

    @BeforeAll
    void startTheApplicationAndFeedIt(@BootstrapServers String servers, @TopicName("orders") String orders,
            @TopicName("customers") String customers, @TopicName("orders-per-country") String counts,
            @TempDir Path stateDirectory, Producer<String, String> producer) throws Exception {
        Records.send(producer, new ProducerRecord<>(customers, "ada", "NL"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(customers, "bo", "DE"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(customers, "cy", "NL"), TIMEOUT);

        streams = new KafkaStreams(OrdersPerCountry.topology(orders, customers, counts),
                OrdersPerCountry.config(servers, applicationId, stateDirectory));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        // RUNNING: the internal topics exist, the group has its members and the tasks their transactional producer
        assertTrue(running.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "the application did not reach RUNNING within " + TIMEOUT + ": " + streams.state());

        Records.send(producer, new ProducerRecord<>(orders, "o-1", "ada"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(orders, "o-2", "bo"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(orders, "o-3", "cy"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(orders, "o-4", "ada"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(orders, "o-5", "nobody"), TIMEOUT); // unknown: not counted
    }

    @AfterAll
    void stopTheApplication() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp(); // deletes the local state stores; @TempDir then removes the directory itself
        }
    }

    @Test
    void countsOrdersPerCountryOfKnownCustomers(@KafkaClient(topic = "orders-per-country",
            properties = "isolation.level=read_committed") Consumer<String, Long> counts) {
        Map<String, Long> latest = new HashMap<>();
        Map<String, Long> expected = Map.of("NL", 3L, "DE", 1L);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!latest.equals(expected) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Long> record : counts.poll(Duration.ofMillis(200))) {
                latest.put(record.key(), record.value());
            }
        }
        assertEquals(expected, latest, "latest committed count per country");
    }

    @Test
    void createsItsRepartitionAndChangelogTopics(Admin admin) throws Exception {
        Set<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(applicationId)).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(new TreeSet<>(List.of(
                applicationId + "-customers-changelog",
                applicationId + "-order-counts-changelog",
                applicationId + "-orders-by-country-repartition",
                applicationId + "-orders-by-customer-repartition")), internal);
    }

    @Test
    void commitsWhatItConsumedAsItsConsumerGroup(@BootstrapServers String servers, @TopicName("orders") String orders,
            @TopicName("customers") String customers) throws Exception {
        Records.awaitConsumed(servers, applicationId, orders, TIMEOUT);
        Records.awaitConsumed(servers, applicationId, customers, TIMEOUT);
    }

    @Test
    void writesThroughATransactionalProducer(Admin admin) throws Exception {
        Set<String> transactionalIds = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId).collect(Collectors.toCollection(TreeSet::new));

        assertTrue(transactionalIds.stream().anyMatch(id -> id.startsWith(applicationId + "-")),
                "no transactional id of " + applicationId + " among " + transactionalIds);
    }
}
