package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The helpers, with what they say when what was expected does not happen. */
@SharedKafka
class RecordsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void sendWaitsForTheAcknowledgement(Producer<String, String> producer, @TopicName("orders") String orders)
            throws Exception {
        RecordMetadata metadata = Records.send(producer, new ProducerRecord<>(orders, 2, "k", "v"), TIMEOUT);
        assertEquals(orders, metadata.topic());
        assertEquals(2, metadata.partition());
        assertTrue(metadata.offset() >= 0);
    }

    @Test
    void aFailedSendSaysWhatWasSentAndWhy(Producer<String, String> producer) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Records.send(producer, new ProducerRecord<>("no/such/topic", "k", "v"), TIMEOUT));
        assertTrue(error.getMessage().startsWith("Sending the record k=v to no/such/topic failed: "
                + "org.apache.kafka.common.errors.InvalidTopicException"), error.getMessage());
    }

    @Test
    void readsEveryPartitionOfATopic(Admin admin, Producer<String, String> producer,
                                     Consumer<String, String> consumer) throws Exception {
        String topic = newTopic(admin, 3);
        for (int partition = 0; partition < 3; partition++) {
            Records.send(producer, new ProducerRecord<>(topic, partition, "k" + partition, "v" + partition), TIMEOUT);
        }
        assertEquals(3, Records.read(consumer, topic, 3, TIMEOUT).stream().map(r -> r.partition()).distinct().count());
    }

    @Test
    void aReadThatTimesOutSaysWhatItExpectedAndWhatArrived(Admin admin, Producer<String, String> producer,
                                                           Consumer<String, String> consumer) throws Exception {
        String topic = newTopic(admin, 2);
        Records.send(producer, new ProducerRecord<>(topic, 0, "k0", "v0"), TIMEOUT);
        Records.send(producer, new ProducerRecord<>(topic, 1, "k1", "v1"), TIMEOUT);

        AssertionError error = assertThrows(AssertionError.class,
                () -> Records.read(consumer, topic, 5, Duration.ofSeconds(10)));
        assertEquals("Expected 5 records from " + topic + " within PT10S, but 2 arrived (per partition: 0=1, 1=1); "
                + "first: " + topic + "-0@0 k0=v0, " + topic + "-1@0 k1=v1", error.getMessage());
    }

    @Test
    void aReadFromNothingSaysNothingArrived(@KafkaClient(topic = "events") Consumer<String, String> consumer) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Records.read(consumer, 1_000_000, Duration.ofSeconds(1)));
        assertTrue(error.getMessage().startsWith("Expected 1000000 records from events within PT1S, but "),
                error.getMessage());
    }

    @Test
    void readingAnUnsubscribedConsumerNamesTheFix(Consumer<String, String> consumer) {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Records.read(consumer, 1, TIMEOUT));
        assertTrue(error.getMessage().contains("@KafkaClient(topic = \"...\")"), error.getMessage());
    }

    @Test
    void awaitsAGroupThatConsumedToTheEndAndSaysWhereItStoppedWhenItDidNot(
            Admin admin, Producer<String, String> producer, @BootstrapServers String servers,
            @KafkaClient(groupId = "records-test-billing", properties = "enable.auto.commit=false")
            Consumer<String, String> billing) throws Exception {
        String topic = newTopic(admin, 2);
        for (int i = 0; i < 3; i++) {
            Records.send(producer, new ProducerRecord<>(topic, 0, "k" + i, "v" + i), TIMEOUT);
        }
        Records.read(billing, topic, 3, TIMEOUT);
        billing.commitSync();
        Records.awaitConsumed(servers, "records-test-billing", topic, TIMEOUT);

        Records.send(producer, new ProducerRecord<>(topic, 0, "late", "v"), TIMEOUT);
        AssertionError error = assertThrows(AssertionError.class,
                () -> Records.awaitConsumed(servers, "records-test-billing", topic, Duration.ofSeconds(5)));
        assertEquals("Expected group 'records-test-billing' to consume topic '" + topic + "' to the end within "
                + "PT5S, but it did not: " + topic + "-0 committed 3, end 4; " + topic + "-1 committed 0, end 0",
                error.getMessage());
    }

    @Test
    void readMatchingSkipsOtherRecordsAndSaysHowManyMatched(Admin admin, Producer<String, String> producer,
                                                            Consumer<String, String> consumer) throws Exception {
        String topic = newTopic(admin, 1);
        for (String key : List.of("theirs-1", "mine", "theirs-2")) {
            Records.send(producer, new ProducerRecord<>(topic, key, "v-" + key), TIMEOUT);
        }
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
        consumer.assign(partitions);

        AssertionError error = assertThrows(AssertionError.class, () -> Records.readMatching(consumer,
                record -> "absent".equals(record.key()), 1, Duration.ofSeconds(5)));
        assertEquals("Expected 1 matching record from " + topic + " within PT5S, but 0 of the 3 that arrived matched;"
                + " first that did not match: " + topic + "-0@0 theirs-1=v-theirs-1, " + topic + "-0@1 mine=v-mine, "
                + topic + "-0@2 theirs-2=v-theirs-2", error.getMessage());

        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<String, String>> mine = Records.readMatching(consumer,
                record -> "mine".equals(record.key()), 1, TIMEOUT);
        assertEquals(List.of("v-mine"), mine.stream().map(ConsumerRecord::value).toList());
    }

    private static String newTopic(Admin admin, int partitions) throws Exception {
        String topic = "records-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return topic;
    }
}
