package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.RunningServer;
import java.util.Properties;

/** One broker (or KRaft node): its config, which keeps its id, ports and data across restarts, and its server. */
final class Node {

    final int id;
    final Properties config;
    /** The port of the listener in the bootstrap servers; 0 until a server that bound a free port reports it. */
    volatile int port;
    /** The port of the listener the engine and replication use: the same one unless the cluster is secured. */
    volatile int internalPort;
    /** The running server, or {@code null} while stopped. */
    volatile RunningServer server;

    Node(int id, Properties config, int port, int internalPort) {
        this.id = id;
        this.config = config;
        this.port = port;
        this.internalPort = internalPort;
    }

    void started(RunningServer running) {
        server = running;
        if (port == 0) {
            port = running.port();
            internalPort = port;
            // A restart must come back on the same port.
            config.setProperty("listeners", config.getProperty("listeners")
                    .replace("PLAINTEXT://" + Ports.HOST + ":0", "PLAINTEXT://" + Ports.HOST + ":" + port));
        }
    }

    boolean running() {
        return server != null;
    }
}
