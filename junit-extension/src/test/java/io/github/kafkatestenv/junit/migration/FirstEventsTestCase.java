package io.github.kafkatestenv.junit.migration;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A broker per class. Before, on spring-kafka-test, each class had a broker of its own, so a fixed topic held only
 * the class's own records:
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = "events")
 * class FirstEventsTest {
 *     @Test
 *     void holdsOneRecord(EmbeddedKafkaBroker broker) throws Exception {
 *         // send one record to "events", then:
 *         assertThat(KafkaTestUtils.getEndOffsets(consumer, "events").values().stream()
 *                 .mapToLong(Long::longValue).sum()).isEqualTo(1);
 *     }
 * }
 * }</pre>
 *
 * and {@code SecondEventsTest}, the same.
 */
@Order(2)
@EmbeddedKafka(topics = @Topic(name = "events"))
class FirstEventsTestCase {

    @Test
    void holdsOneRecord(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        EventsTopic.sendOneAndExpectOne(producer, consumer);
    }
}
