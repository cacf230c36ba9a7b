package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: checking fixed ones before a start, finding free ones, probing listeners. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** Fails, naming the port and its use, if something already listens on {@code port}. */
    static void requireFree(int port, String use, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new KafkaTestEnvException("Port " + port + " (" + use + ") is already in use on " + HOST
                    + ": stop what listens there, or set " + setting + " to another port, or to 0 for a free one");
        }
    }

    /** A port that was free a moment ago (another process may take it before it is used). */
    static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** Whether something accepts connections on {@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
