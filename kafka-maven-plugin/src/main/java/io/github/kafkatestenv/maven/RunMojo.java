package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.engine.User;
import io.github.kafkatestenv.maven.internal.ClientAccess;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a Kafka cluster in the foreground until Ctrl-C, as Kafka's quickstart does, in any directory and with no pom.
 * By default Kafka 3.9.2 in ZooKeeper mode: ZooKeeper on port 2181 and one broker on 9092. For example
 * {@code mvn io.github.kafkatestenv:kafka-maven-plugin:run -Dkafka.testenv.mode=kraft -Dkafka.testenv.brokers=3
 * -Dkafka.testenv.topics=orders:3:3} runs three KRaft nodes with a topic replicated on all of them.
 *
 * <p>Once the cluster is ready the goal prints the bootstrap servers, the ZooKeeper connect string (ZooKeeper mode),
 * the topics and the log file, then a line saying that Kafka is ready. For a secured cluster
 * ({@code securityProtocol}, {@code users}, {@code grants}, ...) it also prints the security
 * protocol, the users (names only), a client properties file per user (for a Kafka client's configuration, or
 * {@code kafka-console-producer.sh --producer.config}) and, with TLS, the directory with the certificate authority's
 * {@code ca.pem}. Ctrl-C (or SIGTERM) stops every broker and ZooKeeper, frees the ports and deletes the cluster's
 * directory unless {@code keepDirectory} is set. The cluster runs inside Maven's JVM, so nothing outlives it.
 *
 * @since 0.1.0
 */
@Mojo(name = "run", requiresProject = false, aggregator = true, threadSafe = true)
public class RunMojo extends AbstractKafkaMojo {

    /** Kafka's and ZooKeeper's own ports, where clients and tools set up for a local Kafka look. */
    private static final int KAFKA_PORT = 9092;
    private static final int ZOOKEEPER_PORT = 2181;

    /**
     * The first broker's port; broker {@code i} listens on {@code brokerPort + i}. Default 9092, Kafka's own, so that
     * clients and tools set up for a local Kafka find it. 0 takes free ports, printed once the cluster is ready.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.brokerPort", defaultValue = "" + KAFKA_PORT)
    int brokerPort;

    /**
     * The ZooKeeper port in ZooKeeper mode. Default 2181, ZooKeeper's own. 0 takes a free port, printed once the
     * cluster is ready.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.zookeeperPort", defaultValue = "" + ZOOKEEPER_PORT)
    int zookeeperPort;

    /** Where the goal prints; its job is to print, so not to Maven's log, which {@code -q} would silence. */
    private final PrintStream out = System.out;

    /**
     * Where the stop messages go. They are printed from a shutdown hook, concurrently with Maven's own hook that
     * resets its console colours through the same Jansi stream, which is not safe for two threads at once (it threw
     * in CI). The process's raw standard output has no such state.
     */
    private final PrintStream stopOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            Charset.defaultCharset());

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
        ClusterDefinition definition = definition();
        getLog().info("Starting " + describe(definition));
        long started = System.nanoTime();
        KafkaCluster cluster = startCluster(definition);
        Thread stopOnExit = new Thread(() -> stop(cluster), "kafka-testenv-run-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        ClientAccess clientAccess = writeClientFiles(cluster, stopOnExit);
        printReady(cluster, clientAccess, Duration.ofNanos(System.nanoTime() - started));
        try {
            // Nothing releases this latch: the goal ends with the JVM (Ctrl-C runs the hook above) or when interrupted.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook is stopping the cluster already
            }
            stop(cluster);
            throw new MojoExecutionException("Interrupted: the Kafka cluster was stopped", e);
        }
    }

    /**
     * Writes the client properties files of a secured cluster into its directory; {@code null} for a plain one,
     * which needs nothing but the bootstrap servers. A file that cannot be written stops the cluster.
     */
    private ClientAccess writeClientFiles(KafkaCluster cluster, Thread stopOnExit) throws MojoExecutionException {
        if (!ClientAccess.secured(cluster.definition())) {
            return null;
        }
        ClientAccess clientAccess = ClientAccess.of(cluster);
        try {
            clientAccess.write(cluster);
            return clientAccess;
        } catch (IOException e) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            stop(cluster);
            throw new MojoExecutionException("Cannot write the client properties files in " + cluster.directory()
                    + ": " + e + ". The cluster was stopped; check that the work directory is writable", e);
        }
    }

    private void printReady(KafkaCluster cluster, ClientAccess clientAccess, Duration took) {
        ClusterDefinition definition = cluster.definition();
        out.println();
        out.println(describe(definition));
        out.println("  Bootstrap servers: " + cluster.bootstrapServers());
        cluster.zookeeperConnect().ifPresent(connect -> out.println("  ZooKeeper connect: " + connect));
        out.println("  Topics:            " + describeTopics(definition.topics()));
        if (clientAccess != null) {
            SecurityProtocol protocol = definition.securityProtocol();
            out.println("  Security protocol: " + protocol
                    + (protocol.usesSasl() ? ", SASL mechanism " + definition.saslMechanism() : "")
                    + (definition.mutualTls() ? ", client certificates" : "")
                    + (definition.authorizer() ? ", ACLs" : ""));
            if (!definition.users().isEmpty()) {
                out.println("  Users:             " + String.join(", ",
                        definition.users().stream().map(User::name).toList()));
            }
            // A file per user, for a client's configuration or the console tools' --producer.config; without users,
            // the one file for every client.
            String label = "  Client properties: ";
            if (clientAccess.userFiles().isEmpty()) {
                out.println(label + clientAccess.defaultFile());
            }
            for (Map.Entry<String, Path> file : clientAccess.userFiles().entrySet()) {
                out.println(label + file.getValue() + " (" + file.getKey() + ")");
                label = " ".repeat(label.length());
            }
            cluster.tlsDirectory().ifPresent(directory -> out.println("  TLS directory:     " + directory
                    + " (ca.pem, truststore.p12" + (definition.mutualTls() ? ", <user>-cert.pem, <user>-key.pem" : "")
                    + ")"));
        }
        out.println("  Log file:          " + cluster.logFile());
        out.println(String.format(Locale.ROOT, "Kafka is ready (%.1f s). Press Ctrl-C to stop it.",
                took.toMillis() / 1000.0));
        out.println();
        out.flush();
    }

    /** Closes the cluster and says so once it is closed; runs in a shutdown hook. Printing never stops the close. */
    private void stop(KafkaCluster cluster) {
        stopOut.println("Stopping Kafka...");
        String outcome;
        try {
            // Returns once the cluster is closed, also when the engine's own shutdown hook is the one closing it.
            cluster.close();
            outcome = cluster.definition().keepDirectory()
                    ? "Kafka stopped; its directory is kept: " + cluster.directory()
                    : "Kafka stopped.";
            outcome += deleteClientFiles(cluster);
        } catch (RuntimeException e) {
            outcome = "Kafka did not stop cleanly: " + e.getMessage() + "\nIts log: " + cluster.logFile();
        }
        stopOut.println(outcome);
    }

    /** A kept directory keeps the data and the log to read, not the users' passwords; what went wrong, if any. */
    private static String deleteClientFiles(KafkaCluster cluster) {
        try {
            ClientAccess.of(cluster).delete();
            return "";
        } catch (IOException e) {
            return "\nCannot delete the client properties files in " + cluster.directory() + ": " + e;
        }
    }

    private static String describe(ClusterDefinition definition) {
        int brokers = definition.brokers();
        return "Kafka " + definition.kafkaVersion() + " in "
                + StartMojo.describeMode(definition.mode()) + " mode, " + brokers + " broker"
                + (brokers == 1 ? "" : "s") + StartMojo.describePlacement(definition);
    }

    private static String describeTopics(List<Topic> topics) {
        if (topics.isEmpty()) {
            return "none";
        }
        StringJoiner described = new StringJoiner(", ");
        for (Topic topic : topics) {
            described.add(topic.name() + " (" + topic.partitions() + " partition" + (topic.partitions() == 1 ? "" : "s")
                    + ", replication factor " + topic.replicationFactor()
                    + (topic.configs().isEmpty() ? "" : ", " + topic.configs()) + ")");
        }
        return described.toString();
    }
}
