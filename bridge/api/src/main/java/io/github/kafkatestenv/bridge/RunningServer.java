package io.github.kafkatestenv.bridge;

/** A server started through a {@link KafkaBridge}: a ZooKeeper server, a broker or a KRaft node. */
public interface RunningServer {

    /** The port its client listener is bound to. */
    int port();

    /** Stops the server and waits until its threads are gone. Calling it twice is harmless. */
    void stop() throws Exception;
}
