package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What a user's integration test does with the client properties kafka:start published for a secured cluster. */
class SecuredOrdersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void publishesTheProtocolAndTheCertificateAuthority() throws Exception {
        assertEquals("SASL_SSL", System.getProperty("kafka.testenv.security.protocol"));
        Properties alice = load(System.getProperty("kafka.testenv.client.properties"));
        assertEquals("SASL_SSL", alice.getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-256", alice.getProperty("sasl.mechanism"));
        assertTrue(Files.isRegularFile(Paths.get(System.getProperty("kafka.testenv.tls.directory"), "ca.pem")));
    }

    @Test
    void aliceReadsWhatTheProduceGoalSentAndWhatSheSends() throws Exception {
        Properties alice = load(System.getProperty("kafka.testenv.client.properties"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(alice, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("orders", "order-3", "shipped")).get(30, TimeUnit.SECONDS);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(alice);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "orders-it");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("orders"));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (keys.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        keys.sort(null);
        assertEquals(List.of("order-1", "order-2", "order-3"), keys);
    }

    @Test
    void bobHasNoGrantAndIsRefused() throws Exception {
        Properties bob = load(System.getProperty("kafka.testenv.client.bob.properties"));
        bob.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(bob, new StringSerializer(),
                new StringSerializer())) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>("orders", "order-4", "forged")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Properties wrong = load(System.getProperty("kafka.testenv.client.properties"));
        wrong.put("sasl.jaas.config", wrong.getProperty("sasl.jaas.config")
                .replaceFirst("password=\"[^\"]*\"", "password=\"wrong\""));
        try (Admin admin = Admin.create(wrong)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            properties.load(in);
        }
        return properties;
    }
}
