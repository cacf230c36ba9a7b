package io.github.kafkatestenv.examples.mlpipeline;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The front service: takes classification requests and queues them for the workers, each under a new request id
 * that is the record's key and the key of its result.
 */
public final class Front implements AutoCloseable {

    private final String requestsTopic;
    private final KafkaProducer<String, String> producer;

    public Front(String bootstrapServers, Topics topics) {
        this.requestsTopic = topics.requests();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "front",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Queues a request to classify the flower with these measurements and returns its id once the broker has it.
     *
     * @throws ExecutionException if the broker did not take it
     */
    public String submit(double[] measurements) throws ExecutionException, InterruptedException {
        String requestId = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(requestsTopic, requestId, Measurements.format(measurements))).get();
        return requestId;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
