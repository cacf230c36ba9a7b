package io.github.kafkatestenv.maven.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.internal.ClusterServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * A cluster that {@code start} started, or is starting in the background: its name in the build ({@code ""} for the
 * unnamed one), the project whose {@code start} started it, whether it serves the whole build, the server that hands
 * it to the build's test JVMs, and, once ready, what {@code start} publishes of it. A JVM that exits before
 * {@code stop} (Ctrl-C) stops the cluster from the engine's shutdown hook and deletes the files from this one's, so
 * no stale address or password is left behind.
 */
public final class StartedCluster {

    /**
     * What a start that succeeded gave: the cluster, ready, with its client properties files and connection
     * properties file written.
     *
     * @param published the project properties {@code start} publishes of it, by name
     * @param seconds   how long the start took, resolution of the Kafka runtime included
     */
    public record Ready(KafkaCluster cluster, ClientAccess clientAccess, Map<String, String> published,
                        double seconds) {
    }

    private final String name;
    private final MavenProject owner;
    private final boolean buildWide;
    private final ClusterDefinition definition;
    private final Path propertiesFile;
    private final CompletableFuture<Ready> start;
    private final ClusterServer server;
    private final Set<MavenProject> publishedTo = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread deleteOnExit;

    /**
     * Serves the cluster {@code start} gives (it may still be running) on a loopback port.
     *
     * @param buildWide whether it serves every project of the build (started by a {@code pom} project of a
     *                  multi-project build), rather than its own project only
     */
    public StartedCluster(String name, MavenProject owner, boolean buildWide, ClusterDefinition definition,
                          Path propertiesFile, CompletableFuture<Ready> start) {
        this.name = name;
        this.owner = owner;
        this.buildWide = buildWide;
        this.definition = definition;
        this.propertiesFile = propertiesFile;
        this.start = start;
        this.server = ClusterServer.serve(start.thenApply(Ready::cluster));
        this.deleteOnExit = new Thread(this::deleteFiles, "kafka-testenv-delete-" + propertiesFile.getFileName());
        Runtime.getRuntime().addShutdownHook(deleteOnExit);
    }

    public String name() {
        return name;
    }

    /** The project whose {@code start} started it. */
    public MavenProject owner() {
        return owner;
    }

    /** Whether it serves every project of the build, not only its owner. */
    public boolean buildWide() {
        return buildWide;
    }

    public ClusterDefinition definition() {
        return definition;
    }

    /** The address the build's test JVMs attach to ({@code KafkaCluster.attach}); it holds a secret. */
    public String address() {
        return server.address();
    }

    /** The cluster and what is published of it, if its start has ended well. */
    public Optional<Ready> readyNow() {
        return start.isDone() && !start.isCompletedExceptionally() ? Optional.of(start.join()) : Optional.empty();
    }

    /**
     * Waits until the start has ended.
     *
     * @throws MojoExecutionException with the start's own message if it failed
     */
    public Ready await() throws MojoExecutionException {
        try {
            return start.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MojoExecutionException failure) {
                throw new MojoExecutionException(failure.getMessage(), failure.getCause());
            }
            throw new MojoExecutionException(String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while waiting for the " + describe() + " to start", e);
        }
    }

    /** Sets what is published of the ready cluster as properties of {@code project}; {@link #stop} takes them back. */
    public synchronized void publishTo(MavenProject project, Ready ready) {
        project.getProperties().putAll(ready.published());
        publishedTo.add(project);
    }

    /** Whether {@link #publishTo} published it on {@code project}. */
    public synchronized boolean isPublishedTo(MavenProject project) {
        return publishedTo.contains(project);
    }

    /**
     * Stops serving, waits for the start to end, stops the cluster and deletes its properties file and client
     * properties files (in the cluster's directory, so gone with it unless the directory is kept); takes back the
     * properties published on projects.
     *
     * @throws MojoExecutionException with the start's message if the start failed (there is then nothing to stop)
     * @throws UncheckedIOException   if a file cannot be deleted (the cluster is stopped all the same)
     */
    public void stop() throws MojoExecutionException {
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook deletes the files
        }
        server.close();
        synchronized (this) {
            Optional<Ready> ready = readyNow();
            for (MavenProject project : publishedTo) {
                ready.ifPresent(r -> r.published().keySet().forEach(project.getProperties()::remove));
            }
            publishedTo.clear();
        }
        Ready ready = await();
        ready.cluster().close();
        try {
            Files.deleteIfExists(propertiesFile);
            ready.clientAccess().delete();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the properties files of the " + describe(), e);
        }
    }

    /**
     * How messages name it: {@code "Kafka cluster 'orders' (127.0.0.1:40123)"}, {@code "Kafka cluster (starting)"}
     * or {@code "Kafka cluster (did not start)"}.
     */
    public String describe() {
        String state;
        if (!start.isDone()) {
            state = "starting";
        } else if (start.isCompletedExceptionally()) {
            state = "did not start";
        } else {
            state = start.join().cluster().bootstrapServers();
        }
        return "Kafka cluster" + (name.isEmpty() ? "" : " '" + name + "'") + " (" + state + ")";
    }

    private void deleteFiles() {
        try {
            Files.deleteIfExists(propertiesFile);
            // A directory that is not kept is the engine's to delete, from its own hook: deleting inside it here
            // would race with that.
            Optional<Ready> ready = readyNow();
            if (definition.keepDirectory() && ready.isPresent()) {
                ready.get().clientAccess().delete();
            }
        } catch (IOException e) {
            // the JVM is exiting: nobody is left to tell
        }
    }
}
