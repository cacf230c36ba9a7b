package io.github.kafkatestenv.bridge;

/** A server started through a {@link KafkaBridge}: a ZooKeeper server, a broker or a KRaft node. */
public interface RunningServer {

    /** The port its client listener is bound to. */
    int port();

    /**
     * For a whole cluster that stops: stops only the broker half of a combined KRaft node, leaving its controller
     * running, so that every broker stops while the controller quorum still answers it; the following
     * {@link #stop()} then does not wait for a quorum that is going away. Does nothing for other servers.
     */
    default void stopBrokerRole() throws Exception {
    }

    /**
     * How many partitions of {@code topic} this broker's own metadata cache holds, or -1 while it does not know the
     * topic. Clients ask any broker; a cluster is ready only when every broker knows what the controller decided.
     * Brokers only.
     */
    default int knownPartitions(String topic) {
        return -1;
    }

    /** How many alive brokers this broker's own metadata cache lists. Brokers only. */
    default int knownBrokers() {
        return -1;
    }

    /** Stops the server and waits until its threads are gone. Calling it twice is harmless. */
    void stop() throws Exception;
}
