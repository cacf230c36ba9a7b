package io.github.kafkatestenv.examples.mlpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Every request gets exactly one result, and it is the trained model's answer. */
@IrisKafka
class ClassificationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void answersEveryRequestOnceWithTheModelsPrediction(@BootstrapServers String bootstrapServers,
            @TopicName("species-requests") String requests, @TopicName("species-results") String results,
            Producer<String, String> producer,
            @KafkaClient(properties = "isolation.level=read_committed") Consumer<String, String> reader)
            throws Exception {
        Topics topics = new Topics(requests, results);
        SpeciesModel model = new SpeciesModel();
        List<Sample> flowers = SpeciesModel.dataset();
        List<String> requestIds = new ArrayList<>();
        String malformed = "malformed-" + UUID.randomUUID();

        Map<String, List<ConsumerRecord<String, String>>> answers;
        try (Worker worker = new Worker(bootstrapServers, topics, "classifier-1", model, Duration.ofSeconds(30));
             Front front = new Front(bootstrapServers, topics)) {
            worker.start();
            for (Sample flower : flowers) {
                requestIds.add(front.submit(flower.measurements()));
            }
            Records.send(producer, new ProducerRecord<>(requests, malformed, "5.1,3.5,lots"), TIMEOUT);
            requestIds.add(malformed);

            answers = new Results(reader, results, requestIds, TIMEOUT)
                    .awaitEachAnsweredOnce(bootstrapServers, requests);
            assertNull(worker.failure(), "the worker stopped on its own");
        }

        Map<String, String> answerOf = new HashMap<>();
        answers.forEach((id, records) -> answerOf.put(id, records.get(0).value()));
        int right = 0;
        for (int i = 0; i < flowers.size(); i++) {
            Sample flower = flowers.get(i);
            assertEquals(model.predict(flower.measurements()).format(), answerOf.get(requestIds.get(i)),
                    "flower " + (i + 1));
            right += answerOf.get(requestIds.get(i)).startsWith("species=" + flower.species() + ";") ? 1 : 0;
        }
        assertTrue(right >= 0.95 * flowers.size(), right + " of " + flowers.size() + " flowers classified right");
        assertTrue(answerOf.get(requestIds.get(0)).startsWith("species=setosa;"), answerOf.get(requestIds.get(0)));
        assertTrue(answerOf.get(requestIds.get(50)).startsWith("species=versicolor;"),
                answerOf.get(requestIds.get(50)));
        assertTrue(answerOf.get(requestIds.get(100)).startsWith("species=virginica;"),
                answerOf.get(requestIds.get(100)));
        assertEquals("error=expected 4 positive numbers (sepal length, sepal width, petal length, petal width in cm)"
                + " but got '5.1,3.5,lots'", answerOf.get(malformed));
    }
}
