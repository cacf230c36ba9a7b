package io.github.kafkatestenv.maven.internal;

import io.github.kafkatestenv.engine.internal.ClusterServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The clusters that {@code start} started in one Maven session, by project and cluster name, so that {@code stop}
 * and {@code await} find them, so that the build's test JVMs find them, and so that none outlives the build.
 *
 * <p><b>Served to the build's test JVMs.</b> Every cluster is served ({@link StartedCluster#address()}); the
 * addresses of all served clusters, comma separated, are the session's user property {@value #CLUSTERS_PROPERTY}
 * (and a property of each project that started one). Surefire and failsafe pass the session's user properties to the
 * JVMs they fork as system properties, where {@code @EmbeddedKafka} attaches to them.
 *
 * <p><b>Build-wide clusters.</b> A cluster started by a project of packaging {@code pom} (a parent or an aggregator)
 * in a build of several projects serves the whole build: it runs until the build ends, not its project's build, and each project built after it
 * gets its published properties once it is ready (when the project starts, or from {@code await}).
 *
 * <p><b>Nothing outlives the build.</b> A build can end between {@code start} and {@code stop}: a plugin fails in the
 * {@code integration-test} phase, or the user ran {@code mvn integration-test}. This class wraps the session's
 * {@link ExecutionListener} (Maven reads it for every event) and closes a project's remaining clusters when that
 * project's build ends, successfully or not, and every remaining one (build-wide ones included) when the session
 * ends. A JVM that exits (Ctrl-C) closes them from the engine's shutdown hook.
 */
public final class BuildClusters implements ExecutionListener {

    /** The session user property (and project property) with the address of every cluster the build serves. */
    public static final String CLUSTERS_PROPERTY = "kafka.testenv.clusters";

    private final ExecutionListener delegate;
    private final Log log;
    private final MavenExecutionRequest request;
    /** What the user gave as {@value #CLUSTERS_PROPERTY} ({@code -D}), kept first in the list. */
    private final String given;
    private final Map<MavenProject, Map<String, StartedCluster>> clusters = new IdentityHashMap<>();

    private BuildClusters(MavenExecutionRequest request, Log log) {
        this.delegate = request.getExecutionListener();
        this.log = log;
        this.request = request;
        this.given = request.getUserProperties().getProperty(CLUSTERS_PROPERTY, "").trim();
    }

    /**
     * The registry of {@code session}, installed on its request's execution listener on first use.
     *
     * @param log where to say that a cluster was stopped because its project's build ended without {@code stop}, or
     *            because the build ended
     */
    public static BuildClusters of(MavenSession session, Log log) {
        MavenExecutionRequest request = session.getRequest();
        synchronized (request) {
            ExecutionListener listener = request.getExecutionListener();
            if (listener instanceof BuildClusters) {
                return (BuildClusters) listener;
            }
            BuildClusters registry = new BuildClusters(request, log);
            request.setExecutionListener(registry);
            return registry;
        }
    }

    /** Whether {@code project} already has a running cluster of this name. */
    public synchronized boolean contains(MavenProject project, String name) {
        return clusters.getOrDefault(project, Map.of()).containsKey(name);
    }

    /** The build-wide cluster of this name that another project than {@code project} started, if there is one. */
    public synchronized Optional<StartedCluster> buildWide(MavenProject project, String name) {
        return all().stream().filter(cluster -> cluster.buildWide() && cluster.owner() != project
                && cluster.name().equals(name)).findFirst();
    }

    /** Records a cluster that {@code start} started for {@code project}, and serves it to the build. */
    public synchronized void add(MavenProject project, StartedCluster cluster) {
        clusters.computeIfAbsent(project, key -> new LinkedHashMap<>()).put(cluster.name(), cluster);
        publishAddresses();
    }

    /** Takes the named cluster of {@code project} out of the registry; {@code null} if there is none. */
    public synchronized StartedCluster remove(MavenProject project, String name) {
        Map<String, StartedCluster> ofProject = clusters.get(project);
        StartedCluster removed = ofProject == null ? null : ofProject.remove(name);
        if (ofProject != null && ofProject.isEmpty()) {
            clusters.remove(project);
            project.getProperties().remove(CLUSTERS_PROPERTY);
        }
        publishAddresses();
        return removed;
    }

    /** Takes every cluster of {@code project} out of the registry, by name, in the order they were started. */
    public synchronized Map<String, StartedCluster> removeAll(MavenProject project) {
        Map<String, StartedCluster> ofProject = clusters.remove(project);
        project.getProperties().remove(CLUSTERS_PROPERTY);
        publishAddresses();
        return ofProject == null ? Map.of() : ofProject;
    }

    /**
     * The clusters that serve {@code project}: those it started, then the build-wide ones other projects started, by
     * name; with {@code name}, that one only.
     */
    public synchronized List<StartedCluster> serving(MavenProject project, String name) {
        List<StartedCluster> serving = new ArrayList<>(clusters.getOrDefault(project, Map.of()).values());
        all().stream().filter(cluster -> cluster.buildWide() && cluster.owner() != project).forEach(serving::add);
        serving.removeIf(cluster -> name != null && !cluster.name().equals(name));
        return serving;
    }

    private List<StartedCluster> all() {
        List<StartedCluster> all = new ArrayList<>();
        clusters.values().forEach(ofProject -> all.addAll(ofProject.values()));
        return all;
    }

    /**
     * Sets {@value #CLUSTERS_PROPERTY} to the address of every cluster served now, in the session's user properties
     * and on each project that started one; removes it where there is none.
     */
    private void publishAddresses() {
        List<String> addresses = new ArrayList<>();
        if (!given.isEmpty()) {
            addresses.add(given);
        }
        all().forEach(cluster -> addresses.add(published(cluster)));
        Properties user = request.getUserProperties();
        if (addresses.isEmpty()) {
            user.remove(CLUSTERS_PROPERTY);
        } else {
            user.setProperty(CLUSTERS_PROPERTY, String.join(",", addresses));
        }
        for (StartedCluster cluster : all()) {
            cluster.owner().getProperties().setProperty(CLUSTERS_PROPERTY, user.getProperty(CLUSTERS_PROPERTY));
        }
    }

    /**
     * A cluster's address as published: a build-wide one as it is; one that serves its own project only with
     * {@value ClusterServer#PROJECT_FRAGMENT} and the project's directory, so that the test JVMs of other modules built at the same
     * time ({@code -T}) leave it alone.
     */
    private static String published(StartedCluster cluster) {
        if (cluster.buildWide() || cluster.owner().getBasedir() == null) {
            return cluster.address();
        }
        return cluster.address() + ClusterServer.PROJECT_FRAGMENT + URLEncoder.encode(
                cluster.owner().getBasedir().getAbsolutePath(), StandardCharsets.UTF_8);
    }

    /** Stops what {@code project} started and still runs, except build-wide clusters: they serve later projects. */
    private void closeLeftOf(MavenProject project) {
        List<StartedCluster> left;
        synchronized (this) {
            Map<String, StartedCluster> ofProject = clusters.getOrDefault(project, Map.of());
            left = new ArrayList<>(ofProject.values());
            left.removeIf(StartedCluster::buildWide);
            left.forEach(cluster -> ofProject.remove(cluster.name()));
            if (ofProject.isEmpty()) {
                clusters.remove(project);
                project.getProperties().remove(CLUSTERS_PROPERTY);
            }
            publishAddresses();
        }
        left.forEach(cluster -> stopLeft(cluster, "The build of " + project.getId() + " ended before kafka:stop ran"));
    }

    private void closeAllLeft() {
        List<StartedCluster> left;
        synchronized (this) {
            left = all();
            clusters.clear();
            publishAddresses();
        }
        for (StartedCluster cluster : left) {
            if (cluster.buildWide()) {
                stopLeft(cluster, null);
            } else {
                stopLeft(cluster, "The build ended before kafka:stop ran for " + cluster.owner().getId());
            }
        }
    }

    /** Stops a cluster whose project or build has ended; {@code why}, if not null, is said as a warning. */
    private void stopLeft(StartedCluster cluster, String why) {
        if (why != null) {
            log.warn(why + ": stopping the " + cluster.describe() + " that kafka:start started");
        }
        long begun = System.nanoTime();
        try {
            cluster.stop();
            if (why == null) {
                log.info(String.format(Locale.ROOT, "The build has ended: the %s that kafka:start started in %s"
                        + " stopped in %.1f s", cluster.describe(), cluster.owner().getId(),
                        (System.nanoTime() - begun) / 1e9));
            }
        } catch (MojoExecutionException | RuntimeException e) {
            log.warn("Stopping the " + cluster.describe() + " failed: " + e.getMessage());
        }
    }

    /** A project built after a build-wide cluster is ready gets its published properties, as its owner has them. */
    @Override
    public void projectStarted(ExecutionEvent event) {
        try {
            MavenProject project = event.getProject();
            if (project != null) {
                for (StartedCluster cluster : serving(project, null)) {
                    // at a project's start, only build-wide clusters of other projects serve it
                    cluster.readyNow().ifPresent(ready -> cluster.publishTo(project, ready));
                }
            }
        } finally {
            if (delegate != null) {
                delegate.projectStarted(event);
            }
        }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        try {
            closeLeftOf(event.getProject());
        } finally {
            if (delegate != null) {
                delegate.projectSucceeded(event);
            }
        }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        try {
            closeLeftOf(event.getProject());
        } finally {
            if (delegate != null) {
                delegate.projectFailed(event);
            }
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        try {
            closeAllLeft();
        } finally {
            if (delegate != null) {
                delegate.sessionEnded(event);
            }
        }
    }

    // Every other event only goes on to the listener this one wraps.

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectDiscoveryStarted(event);
        }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.sessionStarted(event);
        }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectSkipped(event);
        }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        if (delegate != null) {
            delegate.mojoSkipped(event);
        }
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.mojoStarted(event);
        }
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.mojoSucceeded(event);
        }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        if (delegate != null) {
            delegate.mojoFailed(event);
        }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkStarted(event);
        }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkSucceeded(event);
        }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkFailed(event);
        }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkedProjectStarted(event);
        }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkedProjectSucceeded(event);
        }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkedProjectFailed(event);
        }
    }
}
