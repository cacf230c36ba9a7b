package io.github.kafkatestenv.bridge.clients;

import io.github.kafkatestenv.bridge.BrokerView;
import io.github.kafkatestenv.bridge.ClientsBridge;
import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.common.AdminSupport;
import io.github.kafkatestenv.bridge.common.TlsFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;

/**
 * The clients the engine drives a cluster in processes with: Kafka's admin client, login probes, per-broker
 * probes and the certificates of TLS listeners. Nothing here depends on the release the servers run.
 */
public final class ProcessClientsBridge implements ClientsBridge {

    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    @Override
    public void install(Path logFile) {
        // slf4j-nop: the engine's own clients log nothing; the servers write the cluster's log.
    }

    @Override
    public String newClusterId() {
        return Uuid.randomUuid().toString();
    }

    @Override
    public ClusterAdmin admin(String bootstrapServers, Map<String, String> clientConfig) {
        return new AdminSupport(bootstrapServers, "kafka-testenv-admin-" + CLIENT_IDS.incrementAndGet(), clientConfig);
    }

    @Override
    public void writeTlsFiles(Path directory, String password, List<String> clientNames) throws Exception {
        TlsFiles.write(directory, password, clientNames);
    }

    @Override
    public String clientFailure(String server, Map<String, String> clientConfig, long timeoutMs) {
        return AdminSupport.clientFailure(server, "kafka-testenv-probe-" + CLIENT_IDS.incrementAndGet(),
                clientConfig, timeoutMs);
    }

    @Override
    public BrokerView brokerView(String host, int port, Map<String, String> clientConfig) {
        return new BrokerProbe(host, port, "kafka-testenv-broker-probe-" + CLIENT_IDS.incrementAndGet(),
                clientConfig);
    }

    @Override
    public void release() {
        // nothing process-wide: the clients close with their owners
    }
}
