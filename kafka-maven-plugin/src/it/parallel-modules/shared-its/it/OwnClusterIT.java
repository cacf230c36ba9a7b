package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each module sees only its own records in a topic both modules declare: their clusters are not shared. */
class OwnClusterIT {

    @Test
    void onlyThisModulesRecords() throws Exception {
        String bootstrapServers = System.getProperty("kafka.testenv.bootstrap.servers");
        String module = System.getProperty("module");
        // verify.groovy checks that the two modules used two clusters (the build log of -T 2 may interleave).
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        Files.writeString(Paths.get(basedir, "target", "used-bootstrap-servers.txt"), bootstrapServers);
        Files.writeString(Paths.get(basedir, "target", "served-clusters.txt"),
                System.getProperty("kafka.testenv.clusters", ""));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("shared-name", module)).get();
            }
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, module,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("shared-name"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // Records from the other module would arrive in the same polls; one more poll catches stragglers.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        assertEquals(List.of(module, module, module), values);
    }
}
