package io.github.kafkatestenv.junit.migration;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Topic;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Partition defaults. Before, on spring-kafka-test, where declared topics have 2 partitions and the broker's
 * {@code num.partitions} is 2 for auto-created ones:
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = "orders")
 * class PartitionsTest {
 *     @Test
 *     void writesToTheSecondPartition(EmbeddedKafkaBroker broker) throws Exception {
 *         try (Producer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
 *                 new StringSerializer(), new StringSerializer())) {
 *             producer.send(new ProducerRecord<>("orders", 1, "k", "v")).get(30, TimeUnit.SECONDS);
 *             producer.send(new ProducerRecord<>("audit", 1, "k", "v")).get(30, TimeUnit.SECONDS);
 *         }
 *     }
 * }
 * }</pre>
 *
 * Moved over, the producer waits 5 s instead of 60 for a partition that is not there, so that the run without the
 * switch fails sooner.
 */
@Order(1)
@EmbeddedKafka(topics = @Topic(name = "orders"))
class PartitionsTestCase {

    @Test
    void writesToTheSecondPartition(@KafkaClient(properties = "max.block.ms=5000") Producer<String, String> producer)
            throws Exception {
        producer.send(new ProducerRecord<>("orders", 1, "k", "v")).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>("audit", 1, "k", "v")).get(30, TimeUnit.SECONDS);
    }
}
