package io.github.kafkatestenv.bridge;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The engine's view of one Kafka runtime whose servers run in this JVM, implemented by code loaded in that
 * runtime's isolated class loader: the {@link ClientsBridge} plus ZooKeeper, storage formatting and brokers.
 *
 * <p>Only JDK types and the types of this package cross this boundary, so that neither Kafka's classes nor the
 * caller's reach the other side. Every call is made on a thread whose context class loader is the runtime's
 * loader. Implementations are not thread-safe unless a method says so.
 */
public interface KafkaBridge extends ClientsBridge {

    /** The version of the Kafka runtime this bridge runs on, as Kafka reports it. */
    String kafkaVersion();

    /**
     * Sends every log of this runtime (brokers, controllers, ZooKeeper, internal clients) to one file, and
     * replaces Kafka's process-wide exit, halt and shutdown-hook procedures with ones that neither stop nor pin
     * the JVM.
     */
    @Override
    void install(Path logFile);

    /** Starts a standalone ZooKeeper server bound to 127.0.0.1 on {@code port} (0 for a free one). */
    RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception;

    /** Formats the storage of a KRaft node described by {@code nodeConfig} for {@code clusterId}. */
    void formatKRaftStorage(Properties nodeConfig, String clusterId) throws Exception;

    /**
     * Starts a broker (ZooKeeper mode) or a combined broker and controller node (KRaft mode) and returns once
     * its {@code startup()} has returned. In KRaft mode this blocks until a quorum of voters is up.
     */
    RunningServer startBroker(Properties config, boolean kraft) throws Exception;

    /**
     * Releases what the runtime holds process-wide once every server is stopped: metrics registries, logging
     * contexts and the JMX beans registered by this class loader.
     */
    @Override
    void release();
}
