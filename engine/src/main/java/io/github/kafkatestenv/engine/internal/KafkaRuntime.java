package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.RunningServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Where a cluster's servers run, and the Kafka code that starts, formats and asks them: a runtime isolated in this
 * JVM ({@link InJvmRuntime}), or JVM processes of the release's own (see {@code ProcessRuntime}). This is what a
 * placement is; {@link ClusterStart} and {@link ClusterHandle} do the rest the same way for every placement.
 *
 * <p>Servers come back as {@link RunningServer}s: stop, kill, and what each broker's own metadata knows.
 */
interface KafkaRuntime extends AutoCloseable {

    /** The Kafka version the servers run, as Kafka reports it. */
    String kafkaVersion();

    /** Whether servers can bind port 0 and report the port they took; otherwise every port is chosen beforehand. */
    boolean bindsFreePorts();

    /** Starts ZooKeeper on 127.0.0.1:{@code port}, with its data in {@code dataDirectory}. */
    RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception;

    /** A new random cluster id in Kafka's format. */
    String newClusterId();

    /** Formats a KRaft node's storage, as {@code kafka-storage format} does. */
    void formatStorage(Properties nodeConfig, String clusterId) throws Exception;

    /** Starts a ZooKeeper-mode broker or a combined KRaft node; a KRaft node's start returns once it is unfenced. */
    RunningServer startNode(int id, Properties config, boolean kraft) throws Exception;

    /** An admin view of the cluster, made with Kafka's own admin client. */
    ClusterAdmin admin(String bootstrapServers, Map<String, String> clientConfig);

    /** Writes a new certificate authority and certificates, as {@code KafkaBridge.writeTlsFiles} describes. */
    void writeTlsFiles(Path directory, String password, List<String> clientNames) throws Exception;

    /** Why a client with {@code clientConfig} cannot use the broker at {@code server} yet, or {@code null}. */
    String clientFailure(String server, Map<String, String> clientConfig, long timeoutMs);

    /** The isolated runtime whose kafka-clients the engine's own admin work uses. */
    IsolatedRuntime clientsRuntime();

    /** Runs {@code task} on a thread of this runtime: for the work of a start that runs side by side. */
    <T> Future<T> submit(Callable<T> task);

    /** Called once the cluster is ready: what a runtime learns from a whole start, it may keep for the next. */
    default void started() {
    }

    /** Called when the whole cluster begins to close, before its servers are stopped. */
    default void clusterClosing() {
    }

    /** Releases what the runtime holds, once every server is stopped. */
    @Override
    void close();
}
