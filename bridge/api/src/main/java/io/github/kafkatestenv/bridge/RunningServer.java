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

    /**
     * How many ACL bindings this broker's own authorizer holds, or -1 without an authorizer. Bindings reach each
     * broker on its own time. Brokers only.
     */
    default int knownAcls() {
        return -1;
    }

    /** Whether a ZooKeeper-mode broker's ZooKeeper session is connected; true for every other server. */
    default boolean connectedToZooKeeper() {
        return true;
    }

    /** How many alive brokers this broker's own metadata cache lists. Brokers only. */
    default int knownBrokers() {
        return -1;
    }

    /** Stops the server and waits until its threads are gone. Calling it twice is harmless. */
    void stop() throws Exception;

    /**
     * Stops the server as a crash would for the rest of the cluster: a broker hands nothing over first (no
     * controlled shutdown), so the controller learns it is gone only when its session ends. The threads still end
     * before this returns, so nothing of the server stays in the JVM.
     */
    default void kill() throws Exception {
        stop();
    }
}
