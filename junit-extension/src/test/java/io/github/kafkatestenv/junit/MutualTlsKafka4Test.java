package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS on Kafka 4 in KRaft mode: injected clients trust the cluster's own certificate authority and present
 * their user's certificate, whose subject is the principal the ACLs name.
 */
@EmbeddedKafka(kafkaVersion = "4.4.0", topics = @Topic(name = "payments"),
        securityProtocol = SecurityProtocol.SSL, mutualTls = true, users = {"alice", "bob"},
        grants = {"alice topic:payments all", "alice group:kafka-testenv-* read"})
class MutualTlsKafka4Test {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void injectedClientsConnectWithTheFirstUsersCertificate(Producer<String, String> producer,
            @KafkaClient(topic = "payments") Consumer<String, String> consumer, Admin admin, KafkaCluster cluster)
            throws Exception {
        assertEquals(Mode.KRAFT, cluster.mode());
        String value = "paid-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>("payments", "p-1", value), TIMEOUT);
        assertTrue(Records.read(consumer, 1, TIMEOUT).stream().anyMatch(r -> r.value().equals(value)));
        assertFalse(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void anotherUsersCertificateIsAnotherPrincipal(@KafkaClient(user = "bob") Producer<String, String> producer) {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> producer.send(new ProducerRecord<>("payments", "p-2", "never")).get(30, TimeUnit.SECONDS));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
    }
}
