package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Definition errors, reported at the class and attribute, and injections it cannot satisfy, with what it supports:
 * what a user reads when an annotation or an injection cannot work. Definition errors need no cluster; injection
 * errors run against this module's shared cluster as an existing one, so that they start none either.
 */
@SharedKafka
class ErrorsTest {

    @BootstrapServers
    static String sharedServers;

    @Test
    void brokersOutOfRange() {
        assertEquals(List.of("@EmbeddedKafka on " + NoBrokersTestCase.class.getName()
                + ", attribute brokers: A cluster has 1 to 9 brokers, not 0"), classFailures(NoBrokersTestCase.class));
    }

    @Test
    void zooKeeperModeOnKafka4() {
        String failure = classFailures(ZooKeeperOnKafka4TestCase.class).get(0);
        assertTrue(failure.startsWith("@EmbeddedKafka on " + ZooKeeperOnKafka4TestCase.class.getName()
                + ", attributes mode, kafkaVersion: ZooKeeper mode needs Kafka 3.x, but kafkaVersion is 4.4.0"),
                failure);
    }

    @Test
    void replicationFactorAboveBrokers() {
        assertEquals(List.of("@EmbeddedKafka on " + ReplicationTestCase.class.getName()
                + ", attributes topics, brokers: Topic 'orders' has replication factor 2 but the cluster has 1 broker:"
                + " lower its replicationFactor or raise brokers"),
                classFailures(ReplicationTestCase.class));
    }

    @Test
    void topicConfigNotKeyValue() {
        assertEquals(List.of("@EmbeddedKafka on " + TopicConfigTestCase.class.getName()
                + ", attribute topics (@Topic(name = \"orders\")): 'compact' in configs is not key=value; write "
                + "for example \"cleanup.policy=compact\""), classFailures(TopicConfigTestCase.class));
    }

    @Test
    void reservedBrokerProperty() {
        String failure = classFailures(ReservedPropertyTestCase.class).get(0);
        assertTrue(failure.startsWith("@EmbeddedKafka on " + ReservedPropertyTestCase.class.getName()
                + ", attribute brokerProperties: Broker property 'broker.id' is set by kafka-testenv"), failure);
    }

    @Test
    void badTopicName() {
        assertEquals(List.of("@EmbeddedKafka on " + TopicNameTestCase.class.getName()
                + ", attribute topics (@Topic(name = \"orders/v1\")): Invalid topic name 'orders/v1': use only "
                + "letters, digits, '.', '_' and '-'"), classFailures(TopicNameTestCase.class));
    }

    @Test
    void annotationOnAnUnsupportedType() {
        String failure = testFailures(WrongTypeTestCase.class).get(0);
        assertTrue(failure.startsWith("@EmbeddedKafka cannot inject Integer into parameter "), failure);
        assertTrue(failure.contains("of WrongTypeTestCase.port(...) as annotated. It injects KafkaCluster, "
                + "@BootstrapServers String, @TopicName(\"name\") String, Admin or AdminClient, "
                + "Producer<K, V> or KafkaProducer<K, V>, Consumer<K, V> or KafkaConsumer<K, V>"), failure);
    }

    @Test
    void aKeyTypeWithoutSerializer() {
        String failure = testFailures(NoSerdeTestCase.class).get(0);
        assertTrue(failure.startsWith("Cannot inject Producer<ErrorsTest$Order, String> into parameter "),
                failure);
        assertTrue(failure.contains("no Serializer for the key type " + Order.class.getName() + ". Built in: "
                + "String, byte[], Integer, Long, Short, Float, Double, UUID, ByteBuffer, Bytes, Void; for any "
                + "other type name one with @KafkaClient(keySerde = MySerializer.class)"), failure);
    }

    @Test
    void aRawProducer() {
        String failure = testFailures(RawTestCase.class).get(0);
        assertTrue(failure.contains("or declare the types, e.g. Producer<String, String>"), failure);
    }

    @Test
    void aTopicOnAProducer() {
        String failure = testFailures(TopicOnProducerTestCase.class).get(0);
        assertTrue(failure.startsWith("@KafkaClient(topic = \"orders\") on parameter "), failure);
        assertTrue(failure.endsWith(": only consumers subscribe to a topic; for a Producer use "
                + "@TopicName(\"orders\") String for the name"), failure);
    }

    @Test
    void aSerdeClassOfTheWrongKind() {
        String failure = testFailures(NotASerdeTestCase.class).get(0);
        assertTrue(failure.startsWith("valueSerde = java.lang.String on parameter "), failure);
        assertTrue(failure.endsWith(" is neither a Serializer nor a Serde: a producer needs one of them"), failure);
    }

    @Test
    void aFinalField() {
        assertEquals(List.of("@EmbeddedKafka cannot inject field FinalFieldTestCase.servers: it is final; "
                + "remove 'final', or remove the annotation"), testFailures(FinalFieldTestCase.class));
    }

    @Test
    void aClientUserTheClassDoesNotDeclare() {
        assertEquals(List.of("@KafkaClient(user = \"carol\") on parameter 0 of UndeclaredUserTestCase.sends(...): "
                + "@EmbeddedKafka on " + UndeclaredUserTestCase.class.getName() + " declares no user 'carol', only "
                + "[alice, bob]. Add \"carol:<password>\" to users, or log in as one of them"),
                testFailures(UndeclaredUserTestCase.class));
    }

    @Test
    void aClientUserOnAClusterWithoutUsers() {
        assertEquals(List.of("@KafkaClient(user = \"alice\") on parameter 0 of UserOnPlaintextTestCase.reads(...): "
                + "@EmbeddedKafka on " + UserOnPlaintextTestCase.class.getName() + " declares no users (security "
                + "protocol PLAINTEXT). Declare it with users = \"alice:<password>\" and securityProtocol = "
                + "SecurityProtocol.SASL_PLAINTEXT (or SASL_SSL, or SSL with mutualTls = true)"),
                testFailures(UserOnPlaintextTestCase.class));
    }

    @Test
    void bootstrapServersAmongTheClientSettings() {
        String property = EmbeddedKafka.CLIENT_PROPERTY_PREFIX + "bootstrap.servers";
        System.setProperty(property, sharedServers);
        EngineExecutionResults results;
        try {
            results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, sharedServers)
                    .selectors(selectClass(UserOnPlaintextTestCase.class)).execute();
        } finally {
            System.clearProperty(property);
        }
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertEquals(List.of("System property kafka.testenv.client.bootstrap.servers is set: name the existing "
                + "cluster with kafka.testenv.bootstrap.servers alone, and remove it"),
                TestKit.failures(results.containerEvents()));
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseFailsTheClassNamingItsValue() {
        for (String name : List.of(EmbeddedKafka.REUSE_PROPERTY, EmbeddedKafka.START_EARLY_PROPERTY)) {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").configurationParameter(name, "yes")
                    .selectors(selectClass(SwitchTestCase.class)).execute();
            results.testEvents().assertStatistics(stats -> stats.started(0));
            assertEquals(List.of("JUnit configuration parameter (or system property) " + name + " is 'yes': set it"
                    + " to true or false, or leave it out (" + name.equals(EmbeddedKafka.START_EARLY_PROPERTY) + ")"),
                    TestKit.failures(results.containerEvents()));
        }
    }

    static List<String> classFailures(Class<?> testCase) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase))
                .execute();
        results.testEvents().assertStatistics(stats -> stats.started(0));
        return TestKit.failures(results.containerEvents());
    }

    static List<String> testFailures(Class<?> testCase) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY, sharedServers)
                .selectors(selectClass(testCase)).execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        return TestKit.failures(results.testEvents());
    }

    @EmbeddedKafka(topics = @Topic(name = "switches"))
    static class SwitchTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(brokers = 0)
    static class NoBrokersTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(mode = Mode.ZOOKEEPER, kafkaVersion = "4.4.0")
    static class ZooKeeperOnKafka4TestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(topics = @Topic(name = "orders", replicationFactor = 2))
    static class ReplicationTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(topics = @Topic(name = "orders", configs = "compact"))
    static class TopicConfigTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(brokerProperties = "broker.id=3")
    static class ReservedPropertyTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(topics = @Topic(name = "orders/v1"))
    static class TopicNameTestCase {
        @Test
        void never() {
        }
    }

    /** A type no built-in serializer handles. */
    record Order(String id) {
    }

    @EmbeddedKafka
    static class WrongTypeTestCase {
        @Test
        void port(@BootstrapServers Integer port) {
        }
    }

    @EmbeddedKafka
    static class NoSerdeTestCase {
        @Test
        void sends(Producer<Order, String> producer) {
        }
    }

    @EmbeddedKafka
    static class RawTestCase {
        @Test
        @SuppressWarnings("rawtypes")
        void sends(Producer producer) {
        }
    }

    @EmbeddedKafka
    static class TopicOnProducerTestCase {
        @Test
        void sends(@KafkaClient(topic = "orders") Producer<String, String> producer) {
        }
    }

    @EmbeddedKafka
    static class NotASerdeTestCase {
        @Test
        void sends(@KafkaClient(valueSerde = String.class) Producer<String, Order> producer) {
        }
    }

    @EmbeddedKafka(securityProtocol = SecurityProtocol.SASL_PLAINTEXT, users = {"alice:alice-secret", "bob:bob-secret"})
    static class UndeclaredUserTestCase {
        @Test
        void sends(@KafkaClient(user = "carol") Producer<String, String> producer) {
        }
    }

    @EmbeddedKafka
    static class UserOnPlaintextTestCase {
        @Test
        void reads(@KafkaClient(user = "alice") Consumer<String, String> consumer) {
        }
    }

    @EmbeddedKafka
    static class FinalFieldTestCase {
        @BootstrapServers
        final String servers = null;

        @Test
        void never() {
        }
    }
}
