package io.github.kafkatestenv.maven.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster that {@code start} started, with its name in the build ({@code ""} for the unnamed one) and the file
 * where its connection properties were written.
 */
public record StartedCluster(String name, KafkaCluster cluster, Path propertiesFile) {

    /**
     * Stops the cluster and deletes its properties file.
     *
     * @throws UncheckedIOException if the file cannot be deleted (the cluster is stopped all the same)
     */
    public void stop() {
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
}
