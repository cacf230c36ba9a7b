package io.github.kafkatestenv.engine;

/**
 * A broker of a running cluster (in KRaft mode, a combined broker and controller node).
 *
 * @param id   its {@code broker.id} / {@code node.id}, from 0
 * @param host the loopback address its client listener is bound to and advertises
 * @param port its client port; the same after {@link KafkaCluster#startBroker restarts}
 */
public record Broker(int id, String host, int port) {

    /** {@code host:port}, as clients take it in {@code bootstrap.servers}. */
    public String address() {
        return host + ":" + port;
    }
}
