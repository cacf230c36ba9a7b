package io.github.kafkatestenv.junit.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.Records;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** What both events test cases do: write one record to the fixed topic, and count what the topic holds. */
final class EventsTopic {

    private EventsTopic() {
    }

    static void sendOneAndExpectOne(Producer<String, String> producer, Consumer<String, String> consumer)
            throws Exception {
        Records.send(producer, new ProducerRecord<>("events", "k", "v"), Duration.ofSeconds(30));
        long records = consumer.endOffsets(consumer.partitionsFor("events").stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList()))
                .values().stream().mapToLong(Long::longValue).sum();
        assertEquals(1, records, "records in topic events");
    }
}
