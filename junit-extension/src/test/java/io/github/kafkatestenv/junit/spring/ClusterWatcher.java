package io.github.kafkatestenv.junit.spring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A bean that notes, when its context closes, whether the context's cluster still accepts connections: a context
 * that outlives its cluster spends its shutdown retrying connections.
 */
@Component
class ClusterWatcher implements DisposableBean {

    /** By bootstrap servers: whether the first broker accepted a connection when the context closed. */
    static final Map<String, Boolean> reachableAtClose = new ConcurrentHashMap<>();

    private final String servers;

    ClusterWatcher(@Value("${spring.kafka.bootstrap-servers}") String servers) {
        this.servers = servers;
    }

    @Override
    public void destroy() {
        String first = servers.split(",")[0];
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon),
                    Integer.parseInt(first.substring(colon + 1))), 2_000);
            reachableAtClose.put(servers, true);
        } catch (IOException e) {
            reachableAtClose.put(servers, false);
        }
    }
}
