package io.github.kafkatestenv.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * What a user checks first: every Kafka client Boot made (producer, consumer, admin, Kafka Streams) connects to the
 * test cluster, not to the {@code localhost:9092} of {@code application.properties}.
 */
@SpringBootTest
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "order-confirmations", partitions = 3),
        @Topic(name = "item-totals", partitions = 3)})
class KafkaWiringTest {

    @Autowired
    ProducerFactory<?, ?> producerFactory;
    @Autowired
    ConsumerFactory<?, ?> consumerFactory;
    @Autowired
    KafkaAdmin admin;
    @Autowired
    StreamsBuilderFactoryBean streams;

    @Test
    void everyClientBootMadeConnectsToTheTestCluster(@BootstrapServers String servers) {
        assertEquals(servers, address(producerFactory.getConfigurationProperties().get("bootstrap.servers")));
        assertEquals(servers, address(consumerFactory.getConfigurationProperties().get("bootstrap.servers")));
        assertEquals(servers, address(admin.getConfigurationProperties().get("bootstrap.servers")));
        assertEquals(servers, address(streams.getStreamsConfiguration().get("bootstrap.servers")));
    }

    /** Boot gives the address as a list or a string. */
    private static String address(Object servers) {
        return servers instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(servers);
    }
}
