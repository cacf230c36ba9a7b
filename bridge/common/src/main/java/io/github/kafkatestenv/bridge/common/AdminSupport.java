package io.github.kafkatestenv.bridge.common;

import io.github.kafkatestenv.bridge.BridgeException;
import io.github.kafkatestenv.bridge.ClusterAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** {@link ClusterAdmin} on the runtime's own {@link Admin} client. */
public final class AdminSupport implements ClusterAdmin {

    private final Admin admin;

    public AdminSupport(String bootstrapServers, String clientId, Map<String, String> securityConfig) {
        this.admin = Admin.create(config(bootstrapServers, clientId, securityConfig, 10_000, 60_000));
    }

    private static Properties config(String bootstrapServers, String clientId, Map<String, String> securityConfig,
                                     int requestTimeoutMs, int apiTimeoutMs) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(requestTimeoutMs));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(apiTimeoutMs));
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        config.putAll(securityConfig);
        return config;
    }

    /**
     * Why a client with {@code securityConfig} cannot yet connect to the broker at {@code server}, authenticate and
     * read the cluster's metadata from it, or {@code null} once it can.
     */
    public static String clientFailure(String server, String clientId, Map<String, String> securityConfig,
                                       long timeoutMs) {
        int timeout = (int) Math.max(1_000, timeoutMs);
        try (Admin probe = Admin.create(config(server, clientId, securityConfig, timeout, timeout))) {
            probe.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).clusterId()
                    .get(timeout, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while a client tried " + server;
        } catch (Exception e) {
            Throwable cause = rootCause(e);
            return "a client cannot use " + server + " yet: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
    }

    @Override
    public ClusterSnapshot describeCluster(long timeoutMs) {
        try {
            var result = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
            List<Integer> ids = new ArrayList<>();
            for (Node node : result.nodes().get(timeoutMs, TimeUnit.MILLISECONDS)) {
                ids.add(node.id());
            }
            Node controller = result.controller().get(timeoutMs, TimeUnit.MILLISECONDS);
            String clusterId = result.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            return new ClusterSnapshot(List.copyOf(ids), controller == null ? -1 : controller.id(), clusterId);
        } catch (Exception e) {
            throw BridgeException.from("describe cluster", e);
        }
    }

    @Override
    public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs,
                            long timeoutMs) {
        try {
            NewTopic topic = new NewTopic(name, partitions, replicationFactor).configs(configs);
            admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw BridgeException.from("create topic '" + name + "'", e);
        }
    }

    @Override
    public void deleteTopic(String name, long timeoutMs) {
        try {
            admin.deleteTopics(List.of(name)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw BridgeException.from("delete topic '" + name + "'", e);
        }
    }

    @Override
    public Set<String> listTopics(long timeoutMs) {
        try {
            return Set.copyOf(admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs((int) timeoutMs))
                    .names().get(timeoutMs, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            throw BridgeException.from("list topics", e);
        }
    }

    @Override
    public String topicNotReadyReason(String name, int partitions, long timeoutMs) {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(name), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                    .allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS).get(name);
        } catch (Exception e) {
            if (rootCause(e) instanceof UnknownTopicOrPartitionException) {
                return "topic '" + name + "' does not exist yet";
            }
            throw BridgeException.from("describe topic '" + name + "'", e);
        }
        List<TopicPartitionInfo> infos = description.partitions();
        if (partitions > 0 && infos.size() < partitions) {
            return "topic '" + name + "' has " + infos.size() + " of " + partitions + " partitions";
        }
        for (TopicPartitionInfo info : infos) {
            if (info.leader() == null || info.leader().isEmpty()) {
                return "partition " + name + "-" + info.partition() + " has no leader";
            }
            if (info.isr().size() < info.replicas().size()) {
                return "partition " + name + "-" + info.partition() + " has " + info.isr().size() + " of "
                        + info.replicas().size() + " replicas in sync";
            }
        }
        return null;
    }

    @Override
    public void upsertScramUsers(Map<String, String> passwords, long timeoutMs) {
        // One request per mechanism: Kafka refuses two alterations of one user in a request.
        for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
            List<UserScramCredentialAlteration> upsertions = new ArrayList<>();
            passwords.forEach((user, password) -> upsertions.add(
                    new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, 4096), password)));
            try {
                admin.alterUserScramCredentials(upsertions).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw BridgeException.from("create " + mechanism + " credentials for " + passwords.keySet(), e);
            }
        }
    }

    @Override
    public void createAcls(List<AclEntry> entries, long timeoutMs) {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclEntry entry : entries) {
            bindings.add(new AclBinding(
                    new ResourcePattern(ResourceType.fromString(entry.resourceType()), entry.resourceName(),
                            entry.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL),
                    new AccessControlEntry(entry.principal(), "*", AclOperation.fromString(entry.operation()),
                            AclPermissionType.ALLOW)));
        }
        try {
            admin.createAcls(bindings).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw BridgeException.from("create ACLs " + bindings, e);
        }
    }

    @Override
    public void requestGroupCoordinator(long timeoutMs) {
        try {
            admin.describeConsumerGroups(List.of("kafka-testenv-readiness-probe")).all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (!(rootCause(e) instanceof GroupIdNotFoundException)) {
                throw BridgeException.from("find a group coordinator", e);
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
