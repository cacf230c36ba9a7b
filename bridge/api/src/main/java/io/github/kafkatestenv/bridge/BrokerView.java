package io.github.kafkatestenv.bridge;

/**
 * One broker's own view, asked over the network: the answers come from that broker's metadata cache and
 * authorizer, not from the cluster's controller. Each method fails with a {@link BridgeException} when the broker
 * cannot be asked (not reachable, not ready).
 */
public interface BrokerView extends AutoCloseable {

    /** How many partitions of {@code topic} the broker's metadata holds, or -1 while it does not know the topic. */
    int knownPartitions(String topic);

    /** How many alive brokers the broker's metadata lists. */
    int knownBrokers();

    /** How many ACL bindings the broker's authorizer holds, or -1 without an authorizer. */
    int knownAcls();

    @Override
    void close();
}
