package io.github.kafkatestenv.junit.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * On a secured cluster the Spring context gets the login too: {@code spring.kafka.security.protocol} and, as
 * {@code spring.kafka.properties.*}, the SASL mechanism and the first user's JAAS login, which is what Spring
 * Boot's Kafka clients are made from. A producer made from them alone, as Boot would, writes to the cluster.
 */
@SpringJUnitConfig
@EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "payments"), securityProtocol = SecurityProtocol.SASL_PLAINTEXT,
        saslMechanism = SaslMechanism.SCRAM_SHA_256, users = {"alice:alice-secret", "bob:bob-secret"})
class SpringSecuredTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    Producer<String, String> springProducer;

    @Test
    void theContextGetsTheProtocolMechanismAndTheFirstUsersLogin() {
        assertEquals("SASL_PLAINTEXT", environment.getProperty("spring.kafka.security.protocol"));
        assertEquals("SASL_PLAINTEXT", environment.getProperty("spring.kafka.properties.security.protocol"));
        assertEquals("SCRAM-SHA-256", environment.getProperty("spring.kafka.properties.sasl.mechanism"));
        String login = environment.getProperty("spring.kafka.properties.sasl.jaas.config");
        assertTrue(login.contains("ScramLoginModule") && login.contains("username=\"alice\""), login);
    }

    @Test
    void aProducerMadeFromTheSpringPropertiesWrites(
            @KafkaClient(topic = "payments") Consumer<String, String> consumer) throws Exception {
        String value = "paid-" + UUID.randomUUID();
        Records.send(springProducer, new ProducerRecord<>("payments", "p-1", value), TIMEOUT);

        assertTrue(Records.read(consumer, 1, TIMEOUT).stream().anyMatch(r -> r.value().equals(value)));
    }

    @Configuration
    static class Config {

        /** What Boot does with spring.kafka.*: the address, then every spring.kafka.properties.* entry. */
        @Bean(destroyMethod = "close")
        Producer<String, String> springProducer(ConfigurableEnvironment environment) {
            Map<String, Object> config = new HashMap<>();
            config.put("bootstrap.servers", environment.getProperty("spring.kafka.bootstrap-servers"));
            String prefix = "spring.kafka.properties.";
            environment.getPropertySources().forEach(source -> {
                if (source instanceof EnumerablePropertySource<?> names) {
                    for (String name : names.getPropertyNames()) {
                        if (name.startsWith(prefix)) {
                            config.putIfAbsent(name.substring(prefix.length()), environment.getProperty(name));
                        }
                    }
                }
            });
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
    }
}
