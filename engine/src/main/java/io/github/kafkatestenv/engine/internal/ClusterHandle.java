package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.Broker;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.engine.User;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link KafkaCluster} a start hands out: what a running cluster is made of, the operations on it, and its
 * close. {@link ClusterStart} fills it in; from the moment it exists, {@link #close()} (also from the JVM's shutdown
 * hook) stops whatever has started so far and deletes the cluster's directory.
 */
public final class ClusterHandle implements KafkaCluster {

    private static final long OPERATION_TIMEOUT_MS = 60_000;
    /** How long a broker start still running at the start deadline, or at close, gets to end by itself. */
    static final long START_ABANDON_GRACE_MS = 15_000;

    final ClusterDefinition definition;
    final Path directory;
    final Path logFile;
    final Node[] nodes;
    final Readiness readiness = new Readiness(this);
    /** Held by every change of which servers run, so that stops, starts and close never interleave. */
    final Object lifecycle = new Object();
    final CountDownLatch startDone = new CountDownLatch(1);
    final Thread shutdownHook;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);

    volatile KafkaRuntime runtime;
    volatile ClusterSecurity security;
    volatile ClusterAdmin admin;
    volatile RunningServer zooKeeper;
    volatile int zooKeeperPort;
    volatile String clusterId;

    ClusterHandle(ClusterDefinition definition, Path directory) {
        this.definition = definition;
        this.directory = directory;
        this.logFile = directory.resolve("logs").resolve("kafka.log");
        this.nodes = new Node[definition.brokers()];
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "kafka-testenv-close-" + directory.getFileName());
    }

    @Override
    public ClusterDefinition definition() {
        return definition;
    }

    @Override
    public String kafkaVersion() {
        KafkaRuntime current = runtime;
        return current == null ? definition.kafkaVersion() : current.kafkaVersion();
    }

    @Override
    public Mode mode() {
        return definition.mode();
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public String bootstrapServers() {
        StringJoiner servers = new StringJoiner(",");
        for (Node node : nodes) {
            servers.add(Ports.HOST + ":" + node.port);
        }
        return servers.toString();
    }

    /** The brokers' internal listener: the engine's admin client and replication use it. */
    String internalBootstrapServers() {
        StringJoiner servers = new StringJoiner(",");
        for (Node node : nodes) {
            servers.add(Ports.HOST + ":" + node.internalPort);
        }
        return servers.toString();
    }

    @Override
    public Map<String, String> clientProperties() {
        List<User> users = definition.users();
        return clientPropertiesOf(users.isEmpty() ? null : users.get(0));
    }

    @Override
    public Map<String, String> clientProperties(String user) {
        if (security == null) {
            throw new IllegalArgumentException("No user '" + user + "': this cluster's listener is PLAINTEXT, without"
                    + " users; use clientProperties()");
        }
        return clientPropertiesOf(security.user(user));
    }

    private Map<String, String> clientPropertiesOf(User user) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers());
        if (security != null) {
            properties.putAll(security.clientProperties(user));
        }
        return Collections.unmodifiableMap(properties);
    }

    @Override
    public Optional<Path> tlsDirectory() {
        return security == null ? Optional.empty() : security.tlsDirectory();
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return definition.mode() == Mode.ZOOKEEPER ? Optional.of(Ports.HOST + ":" + zooKeeperPort) : Optional.empty();
    }

    @Override
    public List<Broker> brokers() {
        List<Broker> brokers = new ArrayList<>();
        for (Node node : nodes) {
            brokers.add(new Broker(node.id, Ports.HOST, node.port));
        }
        return List.copyOf(brokers);
    }

    @Override
    public boolean isRunning(int brokerId) {
        return node(brokerId).running();
    }

    @Override
    public void createTopic(Topic topic) {
        requireOpen();
        long deadline = Readiness.deadlineIn(OPERATION_TIMEOUT_MS);
        createTopicWithin(topic, OPERATION_TIMEOUT_MS);
        readiness.awaitTopic(topic.name(), topic.partitions(), deadline);
    }

    void createTopicWithin(Topic topic, long timeoutMs) {
        ClusterDefinition.requireReplicationFactorFits(topic, nodes.length);
        try {
            admin.createTopic(topic.name(), topic.partitions(), (short) topic.replicationFactor(), topic.configs(),
                    timeoutMs);
        } catch (RuntimeException e) {
            throw new KafkaTestEnvException("Cannot create topic '" + topic.name() + "' (" + topic.partitions()
                    + " partitions, replication factor " + topic.replicationFactor() + ", configs "
                    + topic.configs() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteTopic(String name) {
        requireOpen();
        Topic.validateName(name);
        try {
            admin.deleteTopic(name, OPERATION_TIMEOUT_MS);
        } catch (RuntimeException e) {
            throw new KafkaTestEnvException("Cannot delete topic '" + name + "': " + e.getMessage(), e);
        }
        readiness.awaitTopicGone(name, Readiness.deadlineIn(OPERATION_TIMEOUT_MS));
    }

    @Override
    public void stopBroker(int brokerId) {
        stopBroker(brokerId, false);
    }

    @Override
    public void killBroker(int brokerId) {
        stopBroker(brokerId, true);
    }

    private void stopBroker(int brokerId, boolean kill) {
        synchronized (lifecycle) {
            requireOpen();
            Node node = node(brokerId);
            if (node.server == null) {
                throw new IllegalStateException("Broker " + brokerId + " is already stopped: start it first");
            }
            try {
                if (kill) {
                    node.server.kill();
                } else {
                    node.server.stop();
                }
            } catch (Exception e) {
                throw new KafkaTestEnvException("Broker " + brokerId + " did not stop cleanly: " + e.getMessage()
                        + "\nLast lines of " + logFile + ":\n" + LogTail.of(logFile, 30), e);
            } finally {
                node.server = null;
            }
        }
    }

    @Override
    public void startBroker(int brokerId) {
        synchronized (lifecycle) {
            requireOpen();
            Node node = node(brokerId);
            if (node.server != null) {
                throw new IllegalStateException("Broker " + brokerId + " is already running: stop it first");
            }
            try {
                node.started(runtime.startNode(node.id, node.config, definition.mode() == Mode.KRAFT));
            } catch (Exception e) {
                throw new KafkaTestEnvException("Broker " + brokerId + " did not start again: " + e.getMessage()
                        + "\nLast lines of " + logFile + ":\n" + LogTail.of(logFile, 40), e);
            }
            long deadline = Readiness.deadlineIn(OPERATION_TIMEOUT_MS);
            readiness.awaitBrokers(deadline);
            readiness.awaitSecurity(deadline);
        }
    }

    @Override
    public void stopZooKeeper() {
        synchronized (lifecycle) {
            requireOpen();
            requireZooKeeperMode();
            if (zooKeeper == null) {
                throw new IllegalStateException("ZooKeeper is already stopped: start it first");
            }
            try {
                zooKeeper.stop();
                zooKeeper = null;
            } catch (Exception e) {
                // Kept: close() tries to stop it again rather than leave it running.
                throw new KafkaTestEnvException("ZooKeeper did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void startZooKeeper() {
        synchronized (lifecycle) {
            requireOpen();
            requireZooKeeperMode();
            if (zooKeeper != null) {
                throw new IllegalStateException("ZooKeeper is already running: stop it first");
            }
            try {
                zooKeeper = runtime.startZooKeeper(directory.resolve("zookeeper"), zooKeeperPort);
            } catch (Exception e) {
                throw new KafkaTestEnvException("ZooKeeper did not start again on port " + zooKeeperPort + ": "
                        + e.getMessage() + "\nLast lines of " + logFile + ":\n" + LogTail.of(logFile, 30), e);
            }
            long deadline = Readiness.deadlineIn(OPERATION_TIMEOUT_MS);
            readiness.awaitZooKeeperSessions(deadline);
            readiness.awaitBrokers(deadline);
        }
    }

    private void requireZooKeeperMode() {
        if (definition.mode() != Mode.ZOOKEEPER) {
            throw new IllegalStateException("This cluster runs in KRaft mode: it has no ZooKeeper to stop or start");
        }
    }

    @Override
    public void reset() {
        ClusterReset.reset(this);
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitCloseInProgress();
            return;
        }
        try {
            ClusterClose.close(this);
        } finally {
            closeDone.countDown();
        }
    }

    /** A second close (a shutdown hook during a test's own close, say) returns when the first is done. */
    private void awaitCloseInProgress() {
        try {
            if (!closeDone.await(3, TimeUnit.MINUTES)) {
                throw new KafkaTestEnvException("Timed out after 3 min waiting for the close that another thread began"
                        + " (cluster " + directory.getFileName() + ") to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeFromShutdownHook() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // the JVM is exiting; nothing can report it
        }
    }

    void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The cluster is closed: start a new one");
        }
    }

    private Node node(int brokerId) {
        if (brokerId < 0 || brokerId >= nodes.length) {
            throw new IllegalArgumentException("No broker " + brokerId + ": this cluster's broker ids are 0.."
                    + (nodes.length - 1));
        }
        return nodes[brokerId];
    }

    /**
     * The class loader of the Kafka runtime isolated in this JVM, or {@code null} when the servers run in
     * processes: for tests that check it can be released after close.
     */
    public ClassLoader runtimeClassLoader() {
        return runtime instanceof InJvmRuntime inJvm ? inJvm.classLoader() : null;
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + definition + ", bootstrap servers " + bootstrapServers() + "]";
    }
}
