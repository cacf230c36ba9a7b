package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.BridgeException;
import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cluster's start, in order: the runtime, certificates, ports, ZooKeeper or storage, every node at once, then
 * readiness (brokers, credentials and ACLs, topics, logins). A start that fails closes what it started, through the
 * same {@link ClusterHandle#close()} a user calls, and throws with the tail of the cluster's log.
 */
public final class ClusterStart {

    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final int PORT_RACE_ATTEMPTS = 3;

    private final ClusterHandle cluster;
    private final ClusterDefinition definition;
    private final StartPhases phases = new StartPhases();

    private ClusterStart(ClusterHandle cluster) {
        this.cluster = cluster;
        this.definition = cluster.definition;
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
        // From here on a JVM exit (Ctrl-C during the start too) stops what started and deletes the directory.
        ClusterHandle cluster = new ClusterHandle(definition, WorkDirectory.create(definition.workDirectory()));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        ClusterStart start = new ClusterStart(cluster);
        try {
            Files.createDirectories(cluster.logFile.getParent());
            cluster.security = ClusterSecurity.of(definition, cluster.directory);
            cluster.runtime = definition.placement() == Placement.PROCESSES
                    ? ProcessRuntime.open(definition, line, jars, cluster.directory, cluster.logFile, cluster.security,
                            start.phases)
                    : InJvmRuntime.open(definition, line, jars, cluster.logFile, start.phases);
            start.run(Readiness.deadlineIn(definition.startTimeout().toMillis()));
            cluster.runtime.started();
            start.phases.report(definition.toString());
            cluster.startDone.countDown();
            return cluster;
        } catch (Throwable failure) {
            cluster.startDone.countDown();
            throw start.failed(failure);
        }
    }

    /** Closes what started and makes the exception the caller sees: what failed, and the log's last lines. */
    private RuntimeException failed(Throwable failure) {
        if (failure instanceof Readiness.TimedOut timedOut) {
            // Every wait of the start shares its deadline: name the setting that sets it.
            failure = new KafkaTestEnvException(timedOutAfter() + timedOut.what + ": " + timedOut.reason, timedOut);
        }
        String tail = LogTail.of(cluster.logFile, 40);
        try {
            cluster.close(); // stops what started, deletes the directory unless kept
        } catch (RuntimeException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
        KafkaTestEnvException error = new KafkaTestEnvException("The Kafka cluster (" + definition
                + ") did not start: " + failure.getMessage() + (rejectedConfig(failure)
                        ? ". Kafka rejected a broker property: check the broker properties you set" : "")
                + "\nLast lines of its log " + cluster.logFile
                + (definition.keepDirectory() ? "" : " (deleted with the cluster; keep it with keepDirectory)")
                + ":\n" + tail, failure);
        boolean secured = ClusterSecurity.isSecured(definition);
        KafkaRuntime runtime = cluster.runtime;
        boolean bindsFreePorts = runtime == null || runtime.bindsFreePorts();
        if (PortPlan.racesForPorts(definition, bindsFreePorts, secured) && tail.contains("Address already in use")) {
            return new PortTakenException(error);
        }
        return error;
    }

    private void run(long deadline) throws Exception {
        KafkaRuntime runtime = cluster.runtime;
        boolean kraft = definition.mode() == Mode.KRAFT;
        ClusterSecurity security = cluster.security;
        if (security != null) {
            security.writeTlsFiles(runtime);
            phases.end("certificates");
        }
        PortPlan ports = PortPlan.of(definition, runtime.bindsFreePorts(), security != null);
        String clusterId = null;
        if (kraft) {
            clusterId = runtime.newClusterId();
        } else {
            cluster.zooKeeper = runtime.startZooKeeper(cluster.directory.resolve("zookeeper"), ports.zooKeeper());
            cluster.zooKeeperPort = cluster.zooKeeper.port();
            phases.end("zookeeper");
        }
        Node[] nodes = cluster.nodes;
        for (int id = 0; id < nodes.length; id++) {
            nodes[id] = new Node(id, NodeConfigs.of(definition, id, ports, cluster.zooKeeperPort, cluster.directory,
                    security), ports.client()[id], ports.internal()[id]);
            if (kraft) {
                // Kafka's own deadline for its startup waits (quorum, registration, unfencing): at the start
                // deadline it gives up and shuts down cleanly, which an interrupt would not let it do.
                nodes[id].config.putIfAbsent("server.max.startup.time.ms",
                        Long.toString(Readiness.remainingMs(deadline)));
                runtime.formatStorage(nodes[id].config, clusterId);
            }
        }
        phases.end(kraft ? "storage format" : "broker configs");
        startNodes(deadline, security);
        phases.end("broker startup");
        if (cluster.admin == null) {
            cluster.admin = runtime.admin(cluster.internalBootstrapServers(),
                    security == null ? Map.of() : security.engineClientConfig());
        }
        cluster.clusterId = cluster.readiness.awaitBrokers(deadline);
        phases.end("registration");
        if (security != null) {
            createCredentialsAndAcls(security, deadline);
            phases.end("credentials and ACLs");
        }
        createTopics(deadline);
        phases.end("topic creation");
        for (Topic topic : definition.topics()) {
            cluster.readiness.awaitTopic(topic.name(), topic.partitions(), deadline);
        }
        cluster.readiness.awaitTopic(OFFSETS_TOPIC, 1, deadline);
        phases.end("topic readiness");
        if (security != null) {
            cluster.readiness.awaitSecurity(deadline);
            phases.end("login readiness");
        }
    }

    /** Starts every node at once: KRaft nodes must, as each one's start waits for a quorum of voters. */
    private void startNodes(long deadline, ClusterSecurity security) throws InterruptedException {
        Node[] nodes = cluster.nodes;
        boolean kraft = definition.mode() == Mode.KRAFT;
        List<Future<RunningServer>> starts = new ArrayList<>();
        for (Node node : nodes) {
            starts.add(cluster.runtime.submit(() -> cluster.runtime.startNode(node.id, node.config, kraft)));
        }
        if (!cluster.runtime.bindsFreePorts()) {
            // The servers start in JVMs of their own: meanwhile, this one loads and runs its admin client, which
            // then finds the brokers the moment they listen, instead of loading its classes only after that.
            cluster.admin = cluster.runtime.admin(cluster.internalBootstrapServers(),
                    security == null ? Map.of() : security.engineClientConfig());
            cluster.runtime.submit(() -> cluster.admin.describeCluster(Readiness.remainingMs(deadline)));
        }
        List<Throwable> failures = new ArrayList<>();
        for (int id = 0; id < nodes.length; id++) {
            try {
                nodes[id].started(starts.get(id).get(Readiness.remainingMs(deadline), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                RuntimeException cause = IsolatedRuntime.detach(e.getCause());
                failures.add(System.nanoTime() - deadline < 0 ? cause : gaveUp(id, cause));
            } catch (TimeoutException e) {
                failures.add(abandonStart(id, starts.get(id)));
            }
        }
        if (!failures.isEmpty()) {
            for (Future<RunningServer> start : starts) {
                start.cancel(true);
            }
            KafkaTestEnvException failure = new KafkaTestEnvException(failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private String timedOutAfter() {
        return "Timed out after " + definition.startTimeout().toSeconds() + " s (the start timeout) waiting for ";
    }

    private String startLate(int id) {
        return "broker " + id + " did not start within " + definition.startTimeout().toSeconds() + " s";
    }

    /**
     * A broker start still running at the start deadline gets a grace time to end by itself: in KRaft mode Kafka
     * gives up at the same moment (server.max.startup.time.ms) and shuts down cleanly, which an interrupt would break
     * halfway (it closes the files Kafka writes), leaving threads and ports behind. A start still running after that
     * hangs where Kafka keeps no deadline (a ZooKeeper that never answers, say): it is interrupted.
     */
    private Throwable abandonStart(int id, Future<RunningServer> start) throws InterruptedException {
        try {
            cluster.nodes[id].started(start.get(ClusterHandle.START_ABANDON_GRACE_MS, TimeUnit.MILLISECONDS));
            return new KafkaTestEnvException(startLate(id) + " (it started a moment later)"); // close() stops it
        } catch (ExecutionException e) {
            return gaveUp(id, IsolatedRuntime.detach(e.getCause()));
        } catch (TimeoutException e) {
            start.cancel(true);
            return new KafkaTestEnvException(startLate(id) + ", and its start had not returned "
                    + ClusterHandle.START_ABANDON_GRACE_MS / 1000 + " s later either: it hangs, and was interrupted");
        }
    }

    private KafkaTestEnvException gaveUp(int id, RuntimeException cause) {
        return new KafkaTestEnvException(startLate(id) + ", and then gave up: " + cause.getMessage(), cause);
    }

    private void createCredentialsAndAcls(ClusterSecurity security, long deadline) {
        Map<String, String> scramPasswords = security.scramPasswords();
        if (!scramPasswords.isEmpty()) {
            cluster.admin.upsertScramUsers(scramPasswords, Readiness.remainingMs(deadline));
        }
        List<ClusterAdmin.AclEntry> acls = security.aclEntries();
        if (!acls.isEmpty()) {
            cluster.admin.createAcls(acls, Readiness.remainingMs(deadline));
        }
    }

    /** Requests the declared topics and a group coordinator (which creates the offsets topic) all at once. */
    private void createTopics(long deadline) throws InterruptedException {
        List<Topic> topics = definition.topics();
        List<Future<Object>> requests = new ArrayList<>();
        for (Topic topic : topics) {
            requests.add(cluster.runtime.submit(() -> {
                cluster.createTopicWithin(topic, Readiness.remainingMs(deadline));
                return null;
            }));
        }
        requests.add(cluster.runtime.submit(() -> {
            cluster.admin.requestGroupCoordinator(Readiness.remainingMs(deadline));
            return null;
        }));
        for (int i = 0; i < requests.size(); i++) {
            try {
                requests.get(i).get(Readiness.remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw IsolatedRuntime.detach(e.getCause());
            } catch (TimeoutException e) {
                requests.forEach(request -> request.cancel(true));
                throw new KafkaTestEnvException(timedOutAfter() + (i < topics.size()
                                ? "topic '" + topics.get(i).name() + "' to be created"
                                : "a group coordinator (which creates " + OFFSETS_TOPIC + ")"));
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
