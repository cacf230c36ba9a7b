package io.github.kafkatestenv.maven.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster that {@code start} started, with its name in the build ({@code ""} for the unnamed one) and the file
 * where its connection properties are written. A JVM that exits before {@code stop} (Ctrl-C) stops the cluster from
 * the engine's shutdown hook and deletes the file from this one's, so no stale address is left behind.
 */
public final class StartedCluster {

    private final String name;
    private final KafkaCluster cluster;
    private final Path propertiesFile;
    private final Thread deleteOnExit;

    public StartedCluster(String name, KafkaCluster cluster, Path propertiesFile) {
        this.name = name;
        this.cluster = cluster;
        this.propertiesFile = propertiesFile;
        this.deleteOnExit = new Thread(this::deletePropertiesFile, "kafka-testenv-delete-" + propertiesFile
                .getFileName());
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
    }

    public String name() {
        return name;
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    public Path propertiesFile() {
        return propertiesFile;
    }

    /**
     * Stops the cluster and deletes its properties file.
     *
     * @throws UncheckedIOException if the file cannot be deleted (the cluster is stopped all the same)
     */
    public void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook deletes the file
        }
        cluster.close();
        try {
            Files.deleteIfExists(propertiesFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + propertiesFile, e);
        }
    }

    /** How messages name it: {@code "Kafka cluster 'orders' (127.0.0.1:40123)"}. */
    public String describe() {
        return "Kafka cluster" + (name.isEmpty() ? "" : " '" + name + "'") + " (" + cluster.bootstrapServers() + ")";
    }

    private void deletePropertiesFile() {
        try {
            Files.deleteIfExists(propertiesFile);
        } catch (IOException e) {
            // the JVM is exiting: nobody is left to tell
        }
    }
}
