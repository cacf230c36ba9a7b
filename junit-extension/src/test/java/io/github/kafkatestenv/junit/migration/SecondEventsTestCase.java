package io.github.kafkatestenv.junit.migration;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The second class of {@link FirstEventsTestCase}, with the same declaration and the same fixed topic. */
@Order(3)
@EmbeddedKafka(topics = @Topic(name = "events"))
class SecondEventsTestCase {

    @Test
    void holdsOneRecord(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        EventsTopic.sendOneAndExpectOne(producer, consumer);
    }
}
