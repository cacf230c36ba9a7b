package io.github.kafkatestenv.benchmarks.anchor;

import io.github.kafkatestenv.benchmarks.contract.Contract;
import io.github.kafkatestenv.benchmarks.contract.Workloads;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * spring-kafka-test's embedded cluster as its {@code @EmbeddedKafka(count = N)} builds it: the broker object,
 * {@code afterPropertiesSet()} (starts the cluster and waits for it), {@code addTopics(NewTopic...)} (creates the
 * scenario's topics and waits for the acknowledgement: the contract's "ready"), and {@code destroy()} to stop, as
 * the JUnit support does after a class.
 */
final class EmbeddedBrokers {

    /** {@code @EmbeddedKafka}'s default partitions, for topics created on the fly; the scenario's are explicit. */
    private static final int DEFAULT_PARTITIONS = 2;
    /**
     * ZooKeeper mode, in spring-kafka-test 3.x only (Kafka 4 has no ZooKeeper): looked up by name, so that the same
     * source compiles in the kafka4 module, which never runs the zk line.
     */
    private static final String ZOOKEEPER_BROKER = "org.springframework.kafka.test.EmbeddedKafkaZKBroker";

    private EmbeddedBrokers() {
    }

    /** Starts the scenario's cluster with both topics and returns it ready. */
    static Workloads.Cluster start(Contract.Scenario scenario) throws ReflectiveOperationException {
        EmbeddedKafkaBroker broker = scenario.line() == Contract.Line.ZK
                ? zooKeeper(scenario.brokers())
                // @EmbeddedKafka(count = N, kraft = true), and 4.x's default: N combined broker+controller nodes.
                : new EmbeddedKafkaKraftBroker(scenario.brokers(), DEFAULT_PARTITIONS);
        broker.afterPropertiesSet();
        broker.addTopics(new NewTopic(Contract.ORDERS, 3, (short) scenario.ordersReplicationFactor()),
                new NewTopic(Contract.AUDIT, 1, (short) 1));
        return new Workloads.Cluster() {
            @Override
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            @Override
            public void close() {
                broker.destroy();
            }

            @Override
            public String toString() {
                return broker.getClass().getSimpleName() + " x" + scenario.brokers() + " at " + bootstrapServers();
            }
        };
    }

    /** {@code @EmbeddedKafka(count = N)} in spring-kafka-test 3.x: kraft = false, no controlled shutdown. */
    private static EmbeddedKafkaBroker zooKeeper(int count) throws ReflectiveOperationException {
        return (EmbeddedKafkaBroker) Class.forName(ZOOKEEPER_BROKER)
                .getConstructor(int.class, boolean.class, int.class, String[].class)
                .newInstance(count, false, DEFAULT_PARTITIONS, new String[0]);
    }
}
