package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every kind of injection, into parameters, fields, the constructor and a static lifecycle method. */
@SharedKafka
class InjectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static KafkaCluster staticCluster;
    static String beforeAllServers;

    @BootstrapServers
    String bootstrapServersField;
    Producer<String, String> producerField;
    @KafkaClient(topic = "events")
    Consumer<String, String> eventsConsumerField;

    private final String constructorServers;

    InjectionTest(@BootstrapServers String bootstrapServers) {
        this.constructorServers = bootstrapServers;
    }

    @BeforeAll
    static void beforeAll(@BootstrapServers String bootstrapServers) {
        beforeAllServers = bootstrapServers;
    }

    @Test
    void injectsTheClusterAndItsBootstrapServersEverywhere(KafkaCluster cluster, @BootstrapServers String servers) {
        assertEquals(cluster.bootstrapServers(), servers);
        assertEquals(servers, bootstrapServersField);
        assertEquals(servers, constructorServers);
        assertEquals(servers, beforeAllServers);
        assertSame(cluster, staticCluster);
        assertTrue(servers.startsWith("127.0.0.1:"), servers);
    }

    @Test
    void injectsTopicNamesAsDeclaredOnAnEmbeddedCluster(@TopicName("orders") String orders) {
        assertEquals("orders", orders);
    }

    @Test
    void injectsAnAdminOfTheCluster(Admin admin, AdminClient adminClient) throws Exception {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertTrue(topics.containsAll(Set.of("orders", "events")), topics.toString());
        assertEquals(topics, adminClient.listTopics().names().get(30, TimeUnit.SECONDS));
    }

    @Test
    void injectsAStringProducerAndASubscribedConsumer(Producer<String, String> producer,
            @KafkaClient(topic = "orders") Consumer<String, String> consumer) throws Exception {
        String value = "created-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>("orders", "o-1", value), TIMEOUT);

        List<ConsumerRecord<String, String>> records = Records.read(consumer, 1, TIMEOUT);
        assertTrue(records.stream().anyMatch(r -> r.key().equals("o-1") && r.value().equals(value)),
                records.toString());
    }

    @Test
    void injectsFieldsOfTheTestInstance() throws Exception {
        assertNotNull(producerField);
        String value = "event-" + UUID.randomUUID();
        Records.send(producerField, new ProducerRecord<>("events", "e", value), TIMEOUT);
        // earlier tests may have written to the shared topic too: read until ours arrives
        assertTrue(readUntil(eventsConsumerField, value), "record " + value + " not read");
    }

    @Test
    void choosesSerdesFromTheGenericTypes(KafkaProducer<Integer, byte[]> bytesProducer,
            KafkaConsumer<Integer, byte[]> bytesConsumer, Producer<UUID, Double> numbersProducer,
            Consumer<UUID, Double> numbersConsumer, Producer<Long, ByteBuffer> buffersProducer,
            Consumer<Long, ByteBuffer> buffersConsumer, @TopicName("numbers") String topic) throws Exception {
        String bytesTopic = topic + "-bytes-" + UUID.randomUUID();
        Records.send(bytesProducer, new ProducerRecord<>(bytesTopic, 42, new byte[] {1, 2, 3}), TIMEOUT);
        ConsumerRecord<Integer, byte[]> bytes = Records.read(bytesConsumer, bytesTopic, 1, TIMEOUT).get(0);
        assertEquals(42, bytes.key());
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.value());

        String numbersTopic = topic + "-uuid-" + UUID.randomUUID();
        UUID key = UUID.randomUUID();
        Records.send(numbersProducer, new ProducerRecord<>(numbersTopic, key, 2.5), TIMEOUT);
        ConsumerRecord<UUID, Double> number = Records.read(numbersConsumer, numbersTopic, 1, TIMEOUT).get(0);
        assertEquals(key, number.key());
        assertEquals(2.5, number.value());

        String buffersTopic = topic + "-buffers-" + UUID.randomUUID();
        Records.send(buffersProducer, new ProducerRecord<>(buffersTopic, 7L, ByteBuffer.wrap(new byte[] {9})),
                TIMEOUT);
        ConsumerRecord<Long, ByteBuffer> buffer = Records.read(buffersConsumer, buffersTopic, 1, TIMEOUT).get(0);
        assertEquals(7L, buffer.key());
        assertEquals(ByteBuffer.wrap(new byte[] {9}), buffer.value());
    }

    @Test
    void usesTheSerdeNamedInTheAnnotation(@KafkaClient(valueSerde = UpperCaseSerde.class)
            Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        String topic = "serde-" + UUID.randomUUID();
        Records.send(producer, new ProducerRecord<>(topic, "k", "quiet"), TIMEOUT);
        assertEquals("QUIET", Records.read(consumer, topic, 1, TIMEOUT).get(0).value());
    }

    @Test
    void givesEveryConsumerAFreshGroupUnlessOneIsNamed(Consumer<String, String> first,
            Consumer<String, String> second, @KafkaClient(groupId = "billing") Consumer<String, String> billing) {
        assertTrue(first.groupMetadata().groupId().startsWith("kafka-testenv-"));
        assertNotEquals(first.groupMetadata().groupId(), second.groupMetadata().groupId());
        assertEquals("billing", billing.groupMetadata().groupId());
    }

    @Test
    void appliesClientPropertiesFromTheAnnotation(
            @KafkaClient(topic = "orders", properties = "max.poll.records=1") Consumer<String, String> consumer,
            Producer<String, String> producer) throws Exception {
        for (int i = 0; i < 3; i++) {
            Records.send(producer, new ProducerRecord<>("orders", 0, "k" + i, "v" + i), TIMEOUT);
        }
        int largest = 0;
        Deadline deadline = new Deadline(TIMEOUT);
        for (int seen = 0; seen < 3 && !deadline.passed(); ) {
            int polled = consumer.poll(Duration.ofMillis(200)).count();
            largest = Math.max(largest, polled);
            seen += polled;
        }
        assertEquals(1, largest);
    }

    /** A nested class runs against its enclosing class's cluster. */
    @Nested
    class NestedTest {
        @Test
        void getsTheEnclosingClassCluster(KafkaCluster cluster, @BootstrapServers String servers) {
            assertSame(staticCluster, cluster);
            assertEquals(constructorServers, servers);
        }
    }

    @BeforeAll
    static void keepTheCluster(KafkaCluster cluster) {
        staticCluster = cluster;
    }

    private static boolean readUntil(Consumer<String, String> consumer, String value) {
        Deadline deadline = new Deadline(TIMEOUT);
        while (!deadline.passed()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value().equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A deadline for the few loops a test writes itself. */
    static final class Deadline {
        private final long end;

        Deadline(Duration timeout) {
            end = System.nanoTime() + timeout.toNanos();
        }

        boolean passed() {
            return System.nanoTime() > end;
        }
    }
}
