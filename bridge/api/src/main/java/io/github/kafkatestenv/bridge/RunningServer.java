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

    /** Stops the server and waits until its threads are gone. Calling it twice is harmless. */
    void stop() throws Exception;
}
