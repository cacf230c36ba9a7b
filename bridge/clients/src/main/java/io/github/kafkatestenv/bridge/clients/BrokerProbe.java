package io.github.kafkatestenv.bridge.clients;

import io.github.kafkatestenv.bridge.BridgeException;
import io.github.kafkatestenv.bridge.BrokerView;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeAclsRequest;
import org.apache.kafka.common.requests.DescribeAclsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * Asks one broker what it knows itself. Kafka's admin client sends its requests to whichever broker it likes; a
 * readiness check must hear every broker's own answer, so this sends Metadata and DescribeAcls requests over a
 * connection to that one broker. It uses the network client of the pinned kafka-clients this module is built
 * with, which every broker release from 3.0 on answers.
 */
final class BrokerProbe implements BrokerView {

    private static final int REQUEST_TIMEOUT_MS = 5_000;

    private final Node node;
    private final Metrics metrics = new Metrics();
    private final NetworkClient client;

    BrokerProbe(String host, int port, String clientId, Map<String, String> clientConfig) {
        this.node = new Node(Integer.MAX_VALUE, host, port);
        Properties properties = new Properties();
        properties.putAll(clientConfig);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + port);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        AdminClientConfig config = new AdminClientConfig(properties);
        LogContext logContext = new LogContext("[" + clientId + "] ");
        Selector selector = new Selector(60_000, metrics, Time.SYSTEM, "kafka-testenv-probe",
                ClientUtils.createChannelBuilder(config, Time.SYSTEM, logContext), logContext);
        this.client = new NetworkClient(selector, new ManualMetadataUpdater(List.of(node)), clientId, 1, 50, 1_000,
                -1, -1, REQUEST_TIMEOUT_MS, REQUEST_TIMEOUT_MS, REQUEST_TIMEOUT_MS, Time.SYSTEM, true,
                new ApiVersions(), logContext, MetadataRecoveryStrategy.NONE);
    }

    @Override
    public synchronized int knownPartitions(String topic) {
        MetadataResponse response = send(new MetadataRequest.Builder(List.of(topic), false), MetadataResponse.class);
        for (MetadataResponse.TopicMetadata metadata : response.topicMetadata()) {
            if (metadata.topic().equals(topic)) {
                return metadata.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION || metadata.partitionMetadata().isEmpty()
                        ? -1 : metadata.partitionMetadata().size();
            }
        }
        return -1;
    }

    @Override
    public synchronized int knownBrokers() {
        return send(new MetadataRequest.Builder(List.of(), false), MetadataResponse.class).brokers().size();
    }

    @Override
    public synchronized int knownAcls() {
        DescribeAclsResponse response = send(new DescribeAclsRequest.Builder(AclBindingFilter.ANY),
                DescribeAclsResponse.class);
        if (response.error().error() == Errors.SECURITY_DISABLED) {
            return -1;
        }
        if (response.error().isFailure()) {
            throw new BridgeException("broker " + node.host() + ":" + node.port() + " could not describe its ACLs: "
                    + response.error().messageWithFallback(), response.error().exception().getClass().getName());
        }
        return response.acls().stream().mapToInt(resource -> resource.acls().size()).sum();
    }

    private <T extends AbstractResponse> T send(AbstractRequest.Builder<?> request, Class<T> type) {
        try {
            if (!NetworkClientUtils.awaitReady(client, node, Time.SYSTEM, REQUEST_TIMEOUT_MS)) {
                throw new BridgeException("broker " + node.host() + ":" + node.port() + " did not accept a connection"
                        + " within " + REQUEST_TIMEOUT_MS + " ms", IOException.class.getName());
            }
            ClientRequest clientRequest = client.newClientRequest(node.idString(), request,
                    Time.SYSTEM.milliseconds(), true);
            ClientResponse response = NetworkClientUtils.sendAndReceive(client, clientRequest, Time.SYSTEM);
            return type.cast(response.responseBody());
        } catch (IOException e) {
            throw BridgeException.from("asking broker " + node.host() + ":" + node.port(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            client.close();
        } finally {
            metrics.close();
        }
    }
}
