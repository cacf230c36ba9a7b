package it;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Topic;
import io.github.kafkatestenv.junit.TopicName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/** Module b's IT: an ordinary @EmbeddedKafka test, with nothing about the build's cluster. */
@EmbeddedKafka(topics = @Topic(name = "b-events"))
class ModuleBIT {

    @Test
    void roundTrip(@TopicName("b-events") String topic, @BootstrapServers String bootstrapServers,
                   Producer<String, String> producer,
                   @KafkaClient(topic = "b-events") Consumer<String, String> consumer, Admin admin) throws Exception {
        ClusterEvidence.roundTripAndWrite(topic, bootstrapServers, producer, consumer, admin);
    }
}
