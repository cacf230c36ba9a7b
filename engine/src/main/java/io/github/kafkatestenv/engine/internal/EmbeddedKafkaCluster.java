package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.BridgeException;
import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.KafkaBridge;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.Broker;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.engine.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** The {@link KafkaCluster} the engine starts in this JVM. */
public final class EmbeddedKafkaCluster implements KafkaCluster {

    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final long OPERATION_TIMEOUT_MS = 60_000;
    private static final int PORT_RACE_ATTEMPTS = 3;
    /** How long a broker start still running at the start deadline gets to end by itself before it is interrupted. */
    private static final long START_ABANDON_GRACE_MS = 15_000;

    private final ClusterDefinition definition;
    private final Path directory;
    private final Path logFile;
    private final Node[] nodes;
    private final Object lifecycle = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final CountDownLatch startDone = new CountDownLatch(1);
    private final Thread shutdownHook;
    private final StartPhases phases = new StartPhases();

    private volatile IsolatedRuntime runtime;
    private volatile KafkaBridge bridge;

    private volatile String kafkaVersion;
    private volatile String clusterId;
    private volatile RunningServer zooKeeper;
    private volatile int zooKeeperPort;
    private volatile ClusterAdmin admin;
    private volatile ClusterSecurity security;

    private EmbeddedKafkaCluster(ClusterDefinition definition, Path directory, Path logFile) {
        this.definition = definition;
        this.directory = directory;
        this.logFile = logFile;
        this.nodes = new Node[definition.brokers()];
        this.shutdownHook = new Thread(this::closeFromShutdownHook, "kafka-testenv-close-" + directory.getFileName());
    }

    /** Starts a cluster as {@link ClusterDefinition#start()} describes. */
    public static KafkaCluster start(ClusterDefinition definition) {
        KafkaLine line = KafkaLine.of(definition.kafkaVersion());
        List<Path> jars = definition.runtimeClasspath().isEmpty()
                ? RuntimeLocator.locate(definition.kafkaVersion()) : definition.runtimeClasspath();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new KafkaTestEnvException("Runtime jar " + jar + " does not exist: pass the jars of kafka_2.13 "
                        + definition.kafkaVersion() + " and its runtime dependencies");
            }
        }
        for (int i = 0; i < definition.brokers() && definition.brokerPort() != 0; i++) {
            Ports.requireFree(definition.brokerPort() + i, "broker " + i, "brokerPort");
        }
        if (definition.mode() == Mode.ZOOKEEPER && definition.zookeeperPort() != 0) {
            Ports.requireFree(definition.zookeeperPort(), "ZooKeeper", "zookeeperPort");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(definition, line, jars);
            } catch (PortTakenException e) {
                // A port chosen free was taken by someone else before the node bound it: choose again.
                if (attempt == PORT_RACE_ATTEMPTS) {
                    throw e.failure;
                }
            }
        }
    }

    private static KafkaCluster startOnce(ClusterDefinition definition, KafkaLine line, List<Path> jars) {
        Path directory = WorkDirectory.create(definition.workDirectory());
        Path logFile = directory.resolve("logs").resolve("kafka.log");
        // From here on a JVM exit (Ctrl-C during the start too) stops what started and deletes the directory.
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(definition, directory, logFile);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            Files.createDirectories(logFile.getParent());
            // No single call into Kafka may take longer: a broker's start is the longest.
            cluster.runtime = IsolatedRuntime.load(line, jars, definition.startTimeout().plusMinutes(1));
            cluster.bridge = cluster.runtime.bridge();
            String classListKey = line + "-" + definition.kafkaVersion() + "-" + definition.mode();
            List<String> classes = ClassPreloader.read(classListKey);
            cluster.preload(classes);
            cluster.phases.end("isolated runtime");
            cluster.startAll(System.nanoTime() + definition.startTimeout().toNanos());
            if (classes.isEmpty()) {
                ClassPreloader.write(classListKey, cluster.runtime.definedClasses());
            }
            cluster.phases.report(definition.toString());
            cluster.startDone.countDown();
            return cluster;
        } catch (Throwable failure) {
            cluster.startDone.countDown();
            String tail = LogTail.of(logFile, 40);
            try {
                cluster.close(); // stops what started, deletes the directory unless kept
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            KafkaTestEnvException error = new KafkaTestEnvException("The Kafka cluster (" + definition
                    + ") did not start: " + failure.getMessage() + (rejectedConfig(failure)
                            ? ". Kafka rejected a broker property: check the broker properties you set" : "")
                    + "\nLast lines of its log " + logFile
                    + (definition.keepDirectory() ? "" : " (deleted with the cluster; keep it with keepDirectory)")
                    + ":\n" + tail, failure);
            boolean portsChosenHere = definition.mode() == Mode.KRAFT || definition.brokerPort() == 0
                    || ClusterSecurity.isSecured(definition); // a secured broker's internal port is chosen here
            if (portsChosenHere && tail.contains("Address already in use")) {
                throw new PortTakenException(error);
            }
            throw error;
        }
    }

    /** Loads, on spare threads, the runtime's classes and the caller's kafka-clients ones this start will need. */
    private void preload(List<String> classes) {
        if (classes.isEmpty()) {
            return;
        }
        runtime.submit(() -> {
            ClassPreloader.load(classes, runtime.classLoader());
            return null;
        });
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        ClassLoader callersLoader = caller != null ? caller : EmbeddedKafkaCluster.class.getClassLoader();
        runtime.submit(() -> {
            try {
                Class.forName("org.apache.kafka.clients.producer.KafkaProducer", false, callersLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null; // the caller has no kafka-clients: nothing to warm
            }
            ClassPreloader.load(ClassPreloader.clientClasses(classes), callersLoader);
            return null;
        });
    }

    private void startAll(long deadline) throws Exception {
        bridge.install(logFile);
        kafkaVersion = bridge.kafkaVersion();
        phases.end("logging");
        boolean kraft = definition.mode() == Mode.KRAFT;
        security = ClusterSecurity.of(definition, directory);
        if (security != null) {
            SaslFactories.install();
            security.writeTlsFiles(bridge);
            phases.end("certificates");
        }
        int[] controllerPorts = new int[nodes.length];
        if (kraft) {
            clusterId = bridge.newClusterId();
            for (int i = 0; i < nodes.length; i++) {
                controllerPorts[i] = Ports.free();
            }
        } else {
            zooKeeper = bridge.startZooKeeper(directory.resolve("zookeeper"), definition.zookeeperPort());
            zooKeeperPort = zooKeeper.port();
            phases.end("zookeeper");
        }
        for (int id = 0; id < nodes.length; id++) {
            int port = definition.brokerPort() == 0 ? 0 : definition.brokerPort() + id;
            // A secured broker has two listeners; both ports are chosen here (a plain one binds port 0 itself).
            int internalPort = security == null ? port : Ports.free();
            if (security != null && port == 0) {
                port = Ports.free();
            }
            nodes[id] = new Node(id, brokerConfig(id, port, internalPort, controllerPorts), port, internalPort);
            if (kraft) {
                // Kafka's own deadline for its startup waits (quorum, registration, unfencing): at the start
                // deadline it gives up and shuts down cleanly, which an interrupt would not let it do.
                nodes[id].config.putIfAbsent("server.max.startup.time.ms", Long.toString(remainingMs(deadline)));
                bridge.formatKRaftStorage(nodes[id].config, clusterId);
            }
        }
        phases.end(kraft ? "storage format" : "broker configs");
        // KRaft nodes must start together: each startup() waits for a quorum of voters.
        List<Future<RunningServer>> starts = new ArrayList<>();
        for (Node node : nodes) {
            starts.add(runtime.submit(() -> bridge.startBroker(node.config, kraft)));
        }
        List<Throwable> failures = new ArrayList<>();
        for (int id = 0; id < nodes.length; id++) {
            try {
                nodes[id].started(starts.get(id).get(remainingMs(deadline), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                RuntimeException cause = IsolatedRuntime.detach(e.getCause());
                failures.add(System.nanoTime() - deadline < 0 ? cause : gaveUp(id, cause));
            } catch (TimeoutException e) {
                failures.add(abandonStart(id, starts.get(id)));
            }
        }
        if (!failures.isEmpty()) {
            for (int id = 0; id < nodes.length; id++) {
                starts.get(id).cancel(true);
            }
            KafkaTestEnvException failure = new KafkaTestEnvException(failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        phases.end("broker startup");
        admin = bridge.admin(internalBootstrapServers(), security == null ? Map.of() : security.engineClientConfig());
        awaitBrokers(deadline);
        phases.end("registration");
        if (security != null) {
            createCredentialsAndAcls(deadline);
            phases.end("credentials and ACLs");
        }
        // Topics and the group coordinator (which creates the offsets topic) are requested all at once.
        List<Future<Object>> requests = new ArrayList<>();
        for (Topic topic : definition.topics()) {
            requests.add(runtime.submit(() -> {
                createTopicWithin(topic, remainingMs(deadline));
                return null;
            }));
        }
        requests.add(runtime.submit(() -> {
            admin.requestGroupCoordinator(remainingMs(deadline));
            return null;
        }));
        for (int i = 0; i < requests.size(); i++) {
            try {
                requests.get(i).get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw IsolatedRuntime.detach(e.getCause());
            } catch (TimeoutException e) {
                requests.forEach(request -> request.cancel(true));
                throw new KafkaTestEnvException("Timed out after " + definition.startTimeout().toSeconds()
                        + " s (the start timeout) waiting for " + (i < definition.topics().size()
                                ? "topic '" + definition.topics().get(i).name() + "' to be created"
                                : "a group coordinator (which creates " + OFFSETS_TOPIC + ")"));
            }
        }
        phases.end("topic creation");
        for (Topic topic : definition.topics()) {
            awaitTopic(topic.name(), topic.partitions(), deadline);
        }
        awaitTopic(OFFSETS_TOPIC, 1, deadline);
        phases.end("topic readiness");
        if (security != null) {
            awaitSecurity(deadline);
            phases.end("login readiness");
        }
    }

    private void createCredentialsAndAcls(long deadline) {
        Map<String, String> scramPasswords = security.scramPasswords();
        if (!scramPasswords.isEmpty()) {
            admin.upsertScramUsers(scramPasswords, remainingMs(deadline));
        }
        List<ClusterAdmin.AclEntry> acls = security.aclEntries();
        if (!acls.isEmpty()) {
            admin.createAcls(acls, remainingMs(deadline));
        }
    }

    /**
     * Waits until every running broker enforces the declared ACLs and accepts each user's login on its client
     * listener: credentials and ACLs reach each broker on its own time, after the controller accepted them.
     */
    private void awaitSecurity(long deadline) {
        if (security == null) {
            return;
        }
        int acls = security.aclEntries().size();
        List<Map<String, String>> probes = security.readinessProbes();
        for (Node node : nodes) {
            if (node.server == null) {
                continue;
            }
            if (definition.authorizer()) {
                await("broker " + node.id + " to hold the " + acls + " declared ACLs", deadline, () -> {
                    RunningServer server = node.server;
                    int known = server == null ? acls : server.knownAcls();
                    return known >= acls ? null : "its authorizer holds " + known + " of " + acls + " ACLs";
                });
            }
            for (Map<String, String> probe : probes) {
                String server = Ports.HOST + ":" + node.port;
                await("a client to log in on broker " + node.id + " (" + server + ")", deadline,
                        () -> bridge.clientFailure(server, probe, Math.min(5_000, remainingMs(deadline))));
            }
        }
    }

    private String startLate(int id) {
        return "broker " + id + " did not start within " + definition.startTimeout().toSeconds() + " s";
    }

    /**
     * A broker start still running at the start deadline gets {@value #START_ABANDON_GRACE_MS} ms to end by itself:
     * in KRaft mode Kafka gives up at the same moment (server.max.startup.time.ms) and shuts down cleanly, which an
     * interrupt would break halfway (it closes the files Kafka writes), leaving threads and ports behind. A start still
     * running after that hangs where Kafka keeps no deadline (a ZooKeeper that never answers, say): it is interrupted.
     */
    private Throwable abandonStart(int id, Future<RunningServer> start) throws InterruptedException {
        try {
            nodes[id].started(start.get(START_ABANDON_GRACE_MS, TimeUnit.MILLISECONDS)); // close() stops it
            return new KafkaTestEnvException(startLate(id) + " (it started a moment later)");
        } catch (ExecutionException e) {
            return gaveUp(id, IsolatedRuntime.detach(e.getCause()));
        } catch (TimeoutException e) {
            start.cancel(true);
            return new KafkaTestEnvException(startLate(id) + ", and its start had not returned "
                    + START_ABANDON_GRACE_MS / 1000 + " s later either: it hangs, and was interrupted");
        }
    }

    private KafkaTestEnvException gaveUp(int id, RuntimeException cause) {
        return new KafkaTestEnvException(startLate(id) + ", and then gave up: " + cause.getMessage(), cause);
    }

    /**
     * Waits until {@code topic} has its partitions, each with a leader and a full ISR, and until every running
     * broker's own metadata holds it: clients may ask any broker, and in KRaft mode each learns on its own time.
     */
    private void awaitTopic(String topic, int partitions, long deadline) {
        await("topic '" + topic + "' to be ready", deadline, () -> {
            String reason = admin.topicNotReadyReason(topic, partitions, 5_000);
            if (reason != null) {
                return reason;
            }
            for (Node node : nodes) {
                RunningServer server = node.server;
                if (server != null && server.knownPartitions(topic) < partitions) {
                    return "broker " + node.id + " does not know all partitions of topic '" + topic + "' yet";
                }
            }
            return null;
        });
    }

    private Properties brokerConfig(int id, int port, int internalPort, int[] controllerPorts) {
        int internalReplication = Math.min(nodes.length, 3);
        Properties config = new Properties();
        config.setProperty("num.partitions", "1");
        config.setProperty("default.replication.factor", "1");
        config.setProperty("offsets.topic.replication.factor", Integer.toString(internalReplication));
        config.setProperty("offsets.topic.num.partitions", "1");
        config.setProperty("transaction.state.log.replication.factor", Integer.toString(internalReplication));
        config.setProperty("transaction.state.log.min.isr", Integer.toString(Math.max(1, internalReplication - 1)));
        config.setProperty("transaction.state.log.num.partitions", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MiB dedupe buffer per broker is heap a test never needs.
        config.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        if (definition.mode() == Mode.ZOOKEEPER) {
            config.setProperty("controlled.shutdown.enable", "false");
            config.setProperty("zookeeper.session.timeout.ms", "10000");
        }
        definition.brokerProperties().forEach(config::setProperty);

        Path data = directory.resolve("broker-" + id);
        config.setProperty("log.dirs", data.toString());
        String listener = "PLAINTEXT://" + Ports.HOST + ":" + port;
        if (definition.mode() == Mode.ZOOKEEPER) {
            config.setProperty("broker.id", Integer.toString(id));
            config.setProperty("zookeeper.connect", Ports.HOST + ":" + zooKeeperPort);
            config.setProperty("listeners", listener);
            if (security != null) {
                security.configure(config, port, internalPort, 0);
            }
        } else {
            StringJoiner voters = new StringJoiner(",");
            for (int i = 0; i < controllerPorts.length; i++) {
                voters.add(i + "@" + Ports.HOST + ":" + controllerPorts[i]);
            }
            config.setProperty("node.id", Integer.toString(id));
            config.setProperty("process.roles", "broker,controller");
            config.setProperty("controller.quorum.voters", voters.toString());
            config.setProperty("listeners", listener + ",CONTROLLER://" + Ports.HOST + ":" + controllerPorts[id]);
            config.setProperty("controller.listener.names", "CONTROLLER");
            config.setProperty("inter.broker.listener.name", "PLAINTEXT");
            config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            if (security != null) {
                security.configure(config, port, internalPort, controllerPorts[id]);
            }
        }
        return config;
    }

    private void awaitBrokers(long deadline) {
        await("every broker to be registered and reachable", deadline, () -> {
            ClusterAdmin.ClusterSnapshot snapshot = admin.describeCluster(5_000);
            long running = Arrays.stream(nodes).filter(n -> n.server != null).count();
            for (Node node : nodes) {
                RunningServer server = node.server;
                if (server == null) {
                    continue;
                }
                if (!snapshot.brokerIds().contains(node.id)) {
                    return "the cluster lists brokers " + snapshot.brokerIds() + ", not yet broker " + node.id;
                }
                if (!Ports.accepts(node.port)) {
                    return "broker " + node.id + " does not accept connections on port " + node.port;
                }
                if (node.internalPort != node.port && !Ports.accepts(node.internalPort)) {
                    return "broker " + node.id + " does not accept connections on its internal port "
                            + node.internalPort;
                }
                if (server.knownBrokers() < running) {
                    return "broker " + node.id + " knows " + server.knownBrokers() + " of " + running + " brokers";
                }
            }
            if (snapshot.controllerId() < 0) {
                return "no controller is active";
            }
            clusterId = snapshot.clusterId();
            return null;
        });
    }

    private void createTopicWithin(Topic topic, long timeoutMs) {
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

    private void await(String what, long deadline, Supplier<String> notReadyReason) {
        long pause = TimeUnit.MILLISECONDS.toNanos(10);
        while (true) {
            String reason;
            try {
                reason = notReadyReason.get();
            } catch (RuntimeException e) {
                reason = e.getMessage();
            }
            if (reason == null) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaTestEnvException("Timed out waiting for " + what + ": " + reason);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public ClusterDefinition definition() {
        return definition;
    }

    @Override
    public String kafkaVersion() {
        return kafkaVersion;
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
    private String internalBootstrapServers() {
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
        return node(brokerId).server != null;
    }

    @Override
    public void createTopic(Topic topic) {
        requireOpen();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MS);
        createTopicWithin(topic, OPERATION_TIMEOUT_MS);
        awaitTopic(topic.name(), topic.partitions(), deadline);
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MS);
        await("topic '" + name + "' to be gone", deadline, () -> {
            if (admin.listTopics(5_000).contains(name)) {
                return "the cluster still lists it";
            }
            for (Node node : nodes) {
                RunningServer server = node.server;
                if (server != null && server.knownPartitions(name) >= 0) {
                    return "broker " + node.id + " still knows it";
                }
            }
            return null;
        });
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
                zooKeeper = bridge.startZooKeeper(directory.resolve("zookeeper"), zooKeeperPort);
            } catch (Exception e) {
                throw new KafkaTestEnvException("ZooKeeper did not start again on port " + zooKeeperPort + ": "
                        + e.getMessage() + "\nLast lines of " + logFile + ":\n" + LogTail.of(logFile, 30), e);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MS);
            await("every running broker to reconnect to ZooKeeper", deadline, () -> {
                for (Node node : nodes) {
                    RunningServer server = node.server;
                    if (server != null && !server.connectedToZooKeeper()) {
                        return "broker " + node.id + " is not connected to ZooKeeper yet";
                    }
                }
                return null;
            });
            awaitBrokers(deadline);
        }
    }

    private void requireZooKeeperMode() {
        if (definition.mode() != Mode.ZOOKEEPER) {
            throw new IllegalStateException("This cluster runs in KRaft mode: it has no ZooKeeper to stop or start");
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
                node.started(bridge.startBroker(node.config, definition.mode() == Mode.KRAFT));
            } catch (Exception e) {
                throw new KafkaTestEnvException("Broker " + brokerId + " did not start again: " + e.getMessage()
                        + "\nLast lines of " + logFile + ":\n" + LogTail.of(logFile, 40), e);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MS);
            awaitBrokers(deadline);
            awaitSecurity(deadline);
        }
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
            closeNow();
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

    private void closeNow() {
        awaitStartEnd();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down (this may be the hook), or the hook was never added
        }
        List<Throwable> failures = new ArrayList<>();
        synchronized (lifecycle) {
            stopEverything(failures);
        }
        if (!definition.keepDirectory() && !WorkDirectory.deleteQuietly(directory)) {
            failures.add(new KafkaTestEnvException("Cannot delete " + directory));
        }
        if (!failures.isEmpty()) {
            KafkaTestEnvException failure = new KafkaTestEnvException("The cluster did not close cleanly: "
                    + failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * Only the shutdown hook closes a cluster whose start still runs (Ctrl-C during the start). The start gets
     * {@value #START_ABANDON_GRACE_MS} ms to end first: interrupted, Kafka's start breaks off its own cleanup
     * halfway, keeps the JVM from exiting for seconds and prints its errors on the console.
     */
    private void awaitStartEnd() {
        try {
            startDone.await(START_ABANDON_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopEverything(List<Throwable> failures) {
        if (admin != null) {
            run(failures, admin::close);
        }
        List<RunningServer> running = new ArrayList<>();
        for (Node node : nodes) {
            if (node != null && node.server != null) {
                running.add(node.server);
                node.server = null;
            }
        }
        if (definition.mode() == Mode.KRAFT && running.size() > 1) {
            // Brokers first, while every controller still answers their controlled shutdown; a node stopped
            // whole would leave the last ones without a quorum, waiting for it until a timeout.
            inParallel(failures, running, RunningServer::stopBrokerRole, "to stop its broker role");
        }
        inParallel(failures, running, RunningServer::stop, "to stop");
        if (zooKeeper != null) {
            run(failures, zooKeeper::stop);
            zooKeeper = null;
        }
        if (bridge != null) {
            run(failures, bridge::release);
        }
        if (runtime != null) {
            run(failures, runtime::close);
            JdkCaches.releaseRecordMethodCaches();
        }
    }

    private void inParallel(List<Throwable> failures, List<RunningServer> servers, ServerAction action, String what) {
        List<Future<?>> tasks = new ArrayList<>();
        for (RunningServer server : servers) {
            tasks.add(runtime.submit(() -> {
                action.apply(server);
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (int i = 0; i < tasks.size(); i++) {
            try {
                tasks.get(i).get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failures.add(IsolatedRuntime.detach(e.getCause()));
            } catch (TimeoutException e) {
                tasks.get(i).cancel(true);
                failures.add(new KafkaTestEnvException("Timed out after 2 min waiting for the broker on port "
                        + servers.get(i).port() + " " + what));
            } catch (InterruptedException e) {
                failures.add(e);
            }
        }
    }

    private interface ServerAction {
        void apply(RunningServer server) throws Exception;
    }

    private void closeFromShutdownHook() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // the JVM is exiting; nothing can report it
        }
    }

    private static void run(List<Throwable> failures, ThrowingRunnable action) {
        try {
            action.run();
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private void requireOpen() {
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

    /** The isolated runtime's class loader: for tests that check it can be released after close. */
    public ClassLoader runtimeClassLoader() {
        return runtime.classLoader();
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + definition + ", bootstrap servers " + bootstrapServers() + "]";
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** One broker (or KRaft node): its config, which keeps its id, ports and data across restarts. */
    private static final class Node {
        final int id;
        final Properties config;
        /** The port of the listener in the bootstrap servers. */
        volatile int port;
        /** The port of the listener the engine and replication use: the same one unless the cluster is secured. */
        volatile int internalPort;
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
    }

    /** A start that failed because a port chosen free was taken meanwhile. */
    private static final class PortTakenException extends RuntimeException {
        final KafkaTestEnvException failure;

        PortTakenException(KafkaTestEnvException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /** Whether Kafka refused the configuration: a {@code ConfigException} anywhere in the causes. */
    private static boolean rejectedConfig(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BridgeException bridged && bridged.kafkaExceptionClass().endsWith(".ConfigException")) {
                return true;
            }
        }
        return false;
    }
}
