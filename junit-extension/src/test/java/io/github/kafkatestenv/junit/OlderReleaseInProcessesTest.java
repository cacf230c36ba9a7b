package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A release with no in-JVM bridge, as a user declares it: {@code kafkaVersion} alone puts its servers in processes
 * of their own, and injected clients, the cluster handle and faults work as on any other cluster.
 */
@EmbeddedKafka(kafkaVersion = "3.6.2", mode = Mode.KRAFT, topics = @Topic(name = "orders", partitions = 2),
        freshCluster = true)
class OlderReleaseInProcessesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void runsInProcessesAndSurvivesACrashOfItsBroker(KafkaCluster cluster, Producer<String, String> producer,
            @KafkaClient(topic = "orders") Consumer<String, String> consumer) throws Exception {
        assertEquals("3.6.2", cluster.kafkaVersion());
        assertEquals(Placement.PROCESSES, cluster.definition().placement());
        String before = "before-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>("orders", "o-1", before), TIMEOUT);

        cluster.killBroker(0); // SIGKILL of the broker's JVM
        assertFalse(cluster.isRunning(0));
        cluster.startBroker(0);

        String after = "after-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>("orders", "o-1", after), TIMEOUT);
        assertTrue(Records.read(consumer, 2, TIMEOUT).stream().map(r -> r.value()).toList()
                .containsAll(java.util.List.of(before, after)), "the record sent before the crash survived it");
    }
}
