package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.maven.internal.BuildClusters;
import io.github.kafkatestenv.maven.internal.ClientAccess;
import io.github.kafkatestenv.maven.internal.StartedCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a Kafka cluster for the tests of this build, by default in the {@code pre-integration-test} phase, and
 * returns once it is ready (or at once, with {@link #waitUntilReady} false). Bind {@code stop} to
 * {@code post-integration-test}; a build that ends before {@code stop} runs (an error, {@code mvn integration-test},
 * Ctrl-C) stops the cluster too.
 *
 * <p><b>Served to the build's test JVMs.</b> The cluster is served on a loopback port, and the address of every
 * cluster the build serves goes into the session's user property {@code kafka.testenv.clusters} (comma separated),
 * which surefire and failsafe pass to the JVMs they fork: {@code @EmbeddedKafka} tests there use the cluster instead
 * of starting their own, with no configuration. A cluster started by a project of packaging {@code pom} in a
 * multi-project build (a parent with {@code <inherited>false</inherited>}) serves every module of the build and stops
 * when the build ends.
 *
 * <p>Where the cluster is goes into project properties, which failsafe's {@code systemPropertyVariables} and
 * {@code environmentVariables} pass on to the tests, and into a properties file for other tools:
 * <ul>
 *   <li>{@code kafka.testenv.bootstrap.servers}: every broker's {@code 127.0.0.1:port}, comma separated: the property
 *   {@code @EmbeddedKafka} and the console goals read, so that failsafe can pass it on under the same name;</li>
 *   <li>{@code kafka.testenv.zookeeper.connect}: the ZooKeeper server's {@code 127.0.0.1:port} (ZooKeeper mode
 *   only);</li>
 *   <li>{@code kafka.testenv.cluster.id}, {@code kafka.testenv.cluster.mode} ({@code zookeeper} or {@code kraft}) and
 *   {@code kafka.testenv.log.file} (every broker's and ZooKeeper's log);</li>
 *   <li>{@code kafka.testenv.security.protocol}: the listener's {@link #securityProtocol}, {@code PLAINTEXT} by
 *   default;</li>
 *   <li>{@code kafka.testenv.client.properties}: the path of a properties file with what a client needs to connect,
 *   as the
 *   first of the {@link #users} if there are any ({@code bootstrap.servers}, {@code security.protocol},
 *   {@code sasl.*}, {@code ssl.*}); load it into any Kafka client's configuration, or pass it to the console tools'
 *   {@code --producer.config}; {@code @EmbeddedKafka} and the console goals read it under the same name.
 *   {@code kafka.testenv.client.<user>.properties}: the same as each declared user;</li>
 *   <li>{@code kafka.testenv.tls.directory} (with TLS): the cluster's certificate authority {@code ca.pem}, its
 *   {@code truststore.p12} and, with {@link #mutualTls}, each user's {@code <user>.p12}, {@code <user>-cert.pem} and
 *   {@code <user>-key.pem}.</li>
 * </ul>
 * These are published once the cluster is ready: by {@code start} itself, or by {@code await} when {@code start} did
 * not wait. Passwords are in the client properties files only, readable by their owner, never in a project property
 * or the build's log. A cluster with a {@link #clusterName} publishes {@code kafka.testenv.<clusterName>.bootstrap.servers}
 * and so on. The file is
 * {@code kafka.properties} (or {@code kafka-<clusterName>.properties}) in the work directory, deleted when the cluster
 * stops.
 * Ports are free ones by default, so that builds and modules running side by side ({@code -T}) never clash.
 *
 * @since 0.1.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractKafkaMojo {

    /** Port 0: a free port, chosen when the cluster starts. */
    private static final int FREE_PORT = 0;

    /**
     * The cluster's name, for builds that start several (one execution each, for example a ZooKeeper cluster and a
     * KRaft one). A named cluster publishes its properties with the name after {@code kafka.testenv.}:
     * {@code kafka.testenv.<clusterName>.bootstrap.servers}, ... and writes {@code kafka-<clusterName>.properties};
     * {@code stop}, {@code produce} and {@code consume} with the same {@code clusterName} find it. Default: no name,
     * and the properties are {@code kafka.testenv.bootstrap.servers}, ... in {@code kafka.properties}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.clusterName")
    String clusterName;

    /**
     * The first broker's port; broker {@code i} listens on {@code brokerPort + i}. Default 0: free ports, so that
     * parallel builds never clash; the tests read them from {@code kafka.testenv.bootstrap.servers}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.brokerPort", defaultValue = "" + FREE_PORT)
    int brokerPort;

    /**
     * The ZooKeeper port in ZooKeeper mode. Default 0: a free port, published as
     * {@code kafka.testenv.zookeeper.connect}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.zookeeperPort", defaultValue = "" + FREE_PORT)
    int zookeeperPort;

    /**
     * Skips starting the cluster when the integration tests are skipped, as failsafe does ({@code -DskipITs}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skipITs;

    /**
     * Skips starting the cluster when all tests are skipped ({@code -DskipTests} or {@code -Dmaven.test.skip}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /**
     * Wait until the cluster is ready before the goal returns. {@code false}: return at once and let the cluster start
     * in the background, for example while the code compiles, with {@code start} bound to an early phase
     * ({@code initialize}); {@code await} (by default in {@code pre-integration-test}) then waits for it and
     * publishes its properties, and fails the build with the start's error if it did not start. Test JVMs that attach
     * to it ({@code @EmbeddedKafka}, through {@code kafka.testenv.clusters}) wait for it by themselves. Default true:
     * the properties are published by {@code start} itself.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.waitUntilReady", defaultValue = "true")
    boolean waitUntilReady;

    /** {@code -Dmaven.test.skip}, which skips compiling the tests too. */
    @Parameter(property = "maven.test.skip", defaultValue = "false", readonly = true)
    boolean mavenTestSkip;

    @Override
    int brokerPort() {
        return brokerPort;
    }

    @Override
    int zookeeperPort() {
        return zookeeperPort;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped()) {
            return;
        }
        if (skipITs || skipTests || mavenTestSkip) {
            getLog().info("Skipping: the integration tests are skipped ("
                    + (skipITs ? "skipITs" : skipTests ? "skipTests" : "maven.test.skip") + ")");
            return;
        }
        String name = ClusterNames.validate(clusterName);
        BuildClusters clusters = BuildClusters.of(session, getLog());
        if (clusters.contains(project, name)) {
            throw new MojoExecutionException("A Kafka cluster " + ClusterNames.describe(name)
                    + " is already running in this build of " + project.getId() + ": give each kafka:start execution"
                    + " its own <clusterName>, and each kafka:stop the clusterName of the cluster it stops");
        }
        Optional<StartedCluster> buildWide = clusters.buildWide(project, name);
        if (buildWide.isPresent()) {
            throw new MojoExecutionException("A Kafka cluster " + ClusterNames.describe(name) + " already serves"
                    + " every project of this build: " + buildWide.get().owner().getId() + " (packaging pom) started"
                    + " it, and its properties have the same names. Use that cluster (remove this kafka:start from "
                    + project.getId() + "), or give one of the two a <clusterName>");
        }
        ClusterDefinition definition = definition();
        // A parent or aggregator of a multi-project build: its own build is over before its modules' tests run.
        boolean servesTheBuild = "pom".equals(project.getPackaging()) && session.getProjects().size() > 1;
        Path file = ClusterNames.propertiesFile(propertiesDirectory(definition), name);
        CompletableFuture<StartedCluster.Ready> start;
        if (waitUntilReady) {
            start = CompletableFuture.completedFuture(startAndWrite(definition, name, file));
        } else {
            start = inBackground(() -> startAndWrite(definition, name, file), name);
        }
        StartedCluster started = new StartedCluster(name, project, servesTheBuild, definition, file, start);
        clusters.add(project, started);
        String serving = servesTheBuild ? "; it serves every project of this build" : "";
        if (waitUntilReady) {
            StartedCluster.Ready ready = started.await();
            started.publishTo(project, ready);
            getLog().info(readyLine(ready, name, "") + serving);
            getLog().debug("Published: " + ready.published() + " (also in " + file + "); log file: "
                    + ready.cluster().logFile());
        } else {
            getLog().info(String.format(Locale.ROOT, "Kafka %s (%s, %d broker%s)%s starting in the background%s;"
                            + " kafka:await waits for it", definition.kafkaVersion(), describeMode(definition.mode()),
                    definition.brokers(), definition.brokers() == 1 ? "" : "s",
                    "".equals(name) ? "" : " '" + name + "'", serving));
        }
    }

    /** The line that says a cluster is ready: what runs, where, its topics and security. */
    static String readyLine(StartedCluster.Ready ready, String name, String waited) {
        KafkaCluster cluster = ready.cluster();
        String security = ClientAccess.describe(cluster.definition());
        return String.format(Locale.ROOT, "Kafka %s in %s mode, %d broker%s%s%s, ready in %.1f s%s at %s%s%s",
                cluster.kafkaVersion(), describeMode(cluster.mode()),
                cluster.brokers().size(), cluster.brokers().size() == 1 ? "" : "s",
                describePlacement(cluster.definition()),
                "".equals(name) ? "" : " ('" + name + "')", ready.seconds(), waited,
                cluster.bootstrapServers(), describeTopics(cluster), security.isEmpty() ? "" : "; " + security);
    }

    /** Nothing in the JVM, the default where the release can; where the servers run otherwise. */
    static String describePlacement(ClusterDefinition definition) {
        return definition.placement() == Placement.PROCESSES ? ", in processes" : "";
    }

    static String describeMode(Mode mode) {
        return mode == Mode.ZOOKEEPER ? "ZooKeeper" : "KRaft";
    }

    /** Where the cluster's directory and the properties file go: the definition's work directory, else temp. */
    private static Path propertiesDirectory(ClusterDefinition definition) {
        Path directory = definition.workDirectory();
        return directory != null ? directory : Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Resolves the runtime, starts the cluster and writes its properties files; returns once it is ready. A file
     * that cannot be written stops the cluster.
     */
    private StartedCluster.Ready startAndWrite(ClusterDefinition definition, String name, Path file)
            throws MojoExecutionException {
        long begun = System.nanoTime();
        KafkaCluster cluster = startCluster(definition);
        ClientAccess clientAccess = ClientAccess.of(cluster);
        Map<String, String> published = published(cluster, name, clientAccess);
        try {
            clientAccess.write(cluster);
            Properties stored = new Properties();
            stored.putAll(published);
            try (OutputStream out = Files.newOutputStream(file)) {
                stored.store(out, "Kafka cluster started by kafka:start for " + project.getId()
                        + "; deleted by kafka:stop");
            }
        } catch (IOException e) {
            MojoExecutionException failure = new MojoExecutionException("Cannot write the Kafka connection"
                    + " properties (" + file + " and the client properties in " + cluster.directory() + "): " + e
                    + ". The cluster was stopped; check that the work directory is writable", e);
            try {
                cluster.close();
            } catch (RuntimeException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
        return new StartedCluster.Ready(cluster, clientAccess, published, (System.nanoTime() - begun) / 1e9);
    }

    /** Runs {@code task} in a daemon thread of its own; the future ends as the task does. */
    private CompletableFuture<StartedCluster.Ready> inBackground(StartTask task, String name) {
        CompletableFuture<StartedCluster.Ready> start = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                start.complete(task.run());
            } catch (Exception | Error e) {
                start.completeExceptionally(e);
            }
        }, "kafka-testenv-start-" + project.getArtifactId() + (name.isEmpty() ? "" : "-" + name));
        thread.setDaemon(true); // Maven exits when the build ends; the engine's hook stops what the start started
        thread.start();
        return start;
    }

    private interface StartTask {
        StartedCluster.Ready run() throws MojoExecutionException;
    }

    /**
     * What {@code start} publishes of the cluster: where it is, its security protocol, and the paths of its client
     * properties files and TLS directory. Paths only: a password is never in a project property or the log.
     */
    private static Map<String, String> published(KafkaCluster cluster, String clusterName, ClientAccess clientAccess) {
        String prefix = ClusterNames.propertyPrefix(clusterName);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(prefix + "bootstrap.servers", cluster.bootstrapServers());
        cluster.zookeeperConnect().ifPresent(connect -> properties.put(prefix + "zookeeper.connect", connect));
        properties.put(prefix + "cluster.id", cluster.clusterId());
        properties.put(prefix + "cluster.mode", cluster.mode().name().toLowerCase(Locale.ROOT));
        properties.put(prefix + "log.file", cluster.logFile().toString());
        properties.put(prefix + "security.protocol", cluster.definition().securityProtocol().name());
        properties.put(prefix + "client.properties", clientAccess.defaultFile().toString());
        clientAccess.userFiles().forEach((user, path) ->
                properties.put(prefix + "client." + user + ".properties", path.toString()));
        cluster.tlsDirectory().ifPresent(directory -> properties.put(prefix + "tls.directory", directory.toString()));
        return properties;
    }

    private static String describeTopics(KafkaCluster cluster) {
        if (cluster.definition().topics().isEmpty()) {
            return "";
        }
        StringJoiner topics = new StringJoiner(", ", ", topics ", "");
        for (Topic topic : cluster.definition().topics()) {
            topics.add(topic.name() + ":" + topic.partitions() + ":" + topic.replicationFactor());
        }
        return topics.toString();
    }
}
