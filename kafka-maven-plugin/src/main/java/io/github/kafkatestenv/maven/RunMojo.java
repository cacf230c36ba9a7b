package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a Kafka cluster in the foreground until Ctrl-C, as Kafka's quickstart does, in any directory and with no pom.
 * By default Kafka 3.9.2 in ZooKeeper mode: ZooKeeper on port 2181 and one broker on 9092. For example
 * {@code mvn io.github.kafkatestenv:kafka-maven-plugin:run -Dkafka.mode=kraft -Dkafka.brokers=3
 * -Dkafka.topics=orders:3:3} runs three KRaft nodes with a topic replicated on all of them.
 *
 * <p>Once the cluster is ready the goal prints the bootstrap servers, the ZooKeeper connect string (ZooKeeper mode),
 * the topics and the log file, then a line saying that Kafka is ready. Ctrl-C (or SIGTERM) stops every broker and
 * ZooKeeper, frees the ports and deletes the cluster's directory unless {@code kafka.keepDirectory} is set. The
 * cluster runs inside Maven's JVM, so nothing outlives it.
 *
 * @since 0.1.0
 */
@Mojo(name = "run", requiresProject = false, aggregator = true, threadSafe = true)
public class RunMojo extends AbstractKafkaMojo {

    /** Kafka's and ZooKeeper's own ports, where clients and tools set up for a local Kafka look. */
    private static final int KAFKA_PORT = 9092;
    private static final int ZOOKEEPER_PORT = 2181;

    /**
     * The first broker's port; broker {@code i} listens on {@code port + i}. Default 9092, Kafka's own, so that
     * clients and tools set up for a local Kafka find it. 0 takes free ports, printed once the cluster is ready.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.port", defaultValue = "" + KAFKA_PORT)
    int port;

    /**
     * The ZooKeeper port in ZooKeeper mode. Default 2181, ZooKeeper's own. 0 takes a free port, printed once the
     * cluster is ready.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.zookeeperPort", defaultValue = "" + ZOOKEEPER_PORT)
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
    int port() {
        return port;
    }

    @Override
    int zookeeperPort() {
        return zookeeperPort;
    }

    @Override
    int defaultPort() {
        return KAFKA_PORT;
    }

    @Override
    int defaultZookeeperPort() {
        return ZOOKEEPER_PORT;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped()) {
            return;
        }
        ClusterDefinition definition = definition();
        getLog().info("Starting " + describe(definition.kafkaVersion(), definition.mode(), definition.brokers()));
        long started = System.nanoTime();
        KafkaCluster cluster = startCluster(definition);
        Thread stopOnExit = new Thread(() -> stop(cluster), "kafka-testenv-run-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        printReady(cluster, Duration.ofNanos(System.nanoTime() - started));
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

    private void printReady(KafkaCluster cluster, Duration took) {
        out.println();
        out.println(describe(cluster.kafkaVersion(), cluster.mode(), cluster.brokers().size()));
        out.println("  Bootstrap servers: " + cluster.bootstrapServers());
        cluster.zookeeperConnect().ifPresent(connect -> out.println("  ZooKeeper connect: " + connect));
        out.println("  Topics:            " + describeTopics(cluster.definition().topics()));
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
        } catch (RuntimeException e) {
            outcome = "Kafka did not stop cleanly: " + e.getMessage() + "\nIts log: " + cluster.logFile();
        }
        stopOut.println(outcome);
    }

    private static String describe(String version, Mode mode, int brokers) {
        return "Kafka " + version + " in " + (mode == Mode.ZOOKEEPER ? "ZooKeeper" : "KRaft") + " mode, " + brokers
                + " broker" + (brokers == 1 ? "" : "s");
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
