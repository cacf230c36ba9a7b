package io.github.kafkatestenv.junit.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * {@code ${spring.embedded.kafka.brokers}} and {@code bootstrapServersProperty}. Before, on spring-kafka-test:
 *
 * <pre>{@code
 * @SpringJUnitConfig
 * @EmbeddedKafka(topics = "orders", bootstrapServersProperty = "orders.kafka.servers")
 * class SpringPlaceholdersTest {
 *     @Value("${spring.embedded.kafka.brokers}") String brokers;
 *     @Value("${spring.kafka.bootstrap-servers}") String bootServers;
 *     @Value("${orders.kafka.servers}") String ordersServers;
 *
 *     @Test
 *     void resolvesEveryPlaceholderToTheBrokers(@Autowired EmbeddedKafkaBroker broker) {
 *         assertEquals(broker.getBrokersAsString(), brokers);
 *         assertEquals(broker.getBrokersAsString(), bootServers);
 *         assertEquals(broker.getBrokersAsString(), ordersServers);
 *     }
 * }
 * }</pre>
 */
@Order(5)
@SpringJUnitConfig
@EmbeddedKafka(topics = @Topic(name = "orders"))
@TestPropertySource(properties = "orders.kafka.servers=${spring.embedded.kafka.brokers}")
class SpringPlaceholdersTestCase {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootServers;
    @Value("${orders.kafka.servers}")
    String ordersServers;

    @Test
    void resolvesEveryPlaceholderToTheBrokers(@BootstrapServers String servers) {
        assertEquals(servers, brokers);
        assertEquals(servers, bootServers);
        assertEquals(servers, ordersServers);
    }

    @Configuration
    static class Config {
    }
}
