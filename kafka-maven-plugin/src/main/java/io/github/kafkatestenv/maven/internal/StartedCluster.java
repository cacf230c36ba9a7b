package io.github.kafkatestenv.maven.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A cluster that {@code start} started, with its name in the build ({@code ""} for the unnamed one), the file where
 * its connection properties are written, its client properties files, and the project properties it published. A JVM
 * that exits before {@code stop} (Ctrl-C) stops the cluster from the engine's shutdown hook and deletes the files from
 * this one's, so no stale address or password is left behind.
 */
public final class StartedCluster {

    private final String name;
    private final KafkaCluster cluster;
    private final Path propertiesFile;
    private final ClientAccess clientAccess;
    private final Set<String> published;
    private final Thread deleteOnExit;

    /**
     * @param published the names of the project properties that {@code start} sets for this cluster, which
     *                  {@code stop} takes back
     */
    public StartedCluster(String name, KafkaCluster cluster, Path propertiesFile, ClientAccess clientAccess,
                          Set<String> published) {
        this.name = name;
        this.cluster = cluster;
        this.propertiesFile = propertiesFile;
        this.clientAccess = clientAccess;
        this.published = Set.copyOf(published);
        this.deleteOnExit = new Thread(this::deleteFiles, "kafka-testenv-delete-" + propertiesFile
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

    public ClientAccess clientAccess() {
        return clientAccess;
    }

    /** The names of the project properties published for this cluster. */
    public Set<String> published() {
        return published;
    }

    /**
     * Stops the cluster and deletes its properties file and its client properties files (which are in the cluster's
     * directory, so gone with it unless the directory is kept).
     *
     * @throws UncheckedIOException if a file cannot be deleted (the cluster is stopped all the same)
     */
    public void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook deletes the files
        }
        cluster.close();
        try {
            Files.deleteIfExists(propertiesFile);
            clientAccess.delete();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the properties files of the " + describe(), e);
        }
    }

    /** How messages name it: {@code "Kafka cluster 'orders' (127.0.0.1:40123)"}. */
    public String describe() {
        return "Kafka cluster" + (name.isEmpty() ? "" : " '" + name + "'") + " (" + cluster.bootstrapServers() + ")";
    }

    private void deleteFiles() {
        try {
            Files.deleteIfExists(propertiesFile);
            // A directory that is not kept is the engine's to delete, from its own hook: deleting inside it here
            // would race with that.
            if (cluster.definition().keepDirectory()) {
                clientAccess.delete();
            }
        } catch (IOException e) {
            // the JVM is exiting: nobody is left to tell
        }
    }
}
