package io.github.kafkatestenv.examples.startandextension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * An ordinary {@code @EmbeddedKafka} test, run by failsafe against the cluster {@code kafka:start} started: the pom
 * passes on {@code kafka.testenv.bootstrap.servers} and {@code kafka.testenv.client.properties} as they are published,
 * so the extension starts no cluster, creates the declared topic there under a prefix of the run, and its clients
 * log in with the published SASL settings (the listener refuses clients without them).
 */
@EmbeddedKafka(topics = @Topic(name = "orders", partitions = 3))
class OrdersOnTheStartedClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void roundTripsOnTheClusterKafkaStartStarted(@BootstrapServers String bootstrapServers,
            @TopicName("orders") String orders, Producer<String, String> producer,
            @KafkaClient(topic = "orders") Consumer<String, String> consumer, Admin admin) throws Exception {
        assertEquals(System.getProperty("kafka.testenv.bootstrap.servers"), bootstrapServers,
                "the cluster kafka:start started, not one of the extension's own");
        assertTrue(orders.matches("kafka-testenv-[0-9a-f]{8}-orders"), orders);
        assertEquals(3, admin.describeTopics(Set.of(orders)).allTopicNames().get(30, TimeUnit.SECONDS).get(orders)
                .partitions().size());

        Records.send(producer, new ProducerRecord<>(orders, "o-1", "placed"), TIMEOUT);

        assertEquals("placed", Records.read(consumer, 1, TIMEOUT).get(0).value());
    }
}
