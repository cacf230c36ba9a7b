package io.github.kafkatestenv.maven.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The clusters that {@code start} started in one Maven session, by project and cluster name, so that {@code stop}
 * finds them, and so that none outlives the build of its project.
 *
 * <p>A build can end between {@code start} and {@code stop}: a plugin fails in the {@code integration-test} phase, or
 * the user ran {@code mvn integration-test}. This class wraps the session's {@link ExecutionListener} (Maven reads it
 * for every event) and closes a project's remaining clusters when that project's build ends, successfully or not,
 * and every remaining one when the session ends. A JVM that exits (Ctrl-C) closes them from the engine's shutdown
 * hook.
 */
public final class BuildClusters implements ExecutionListener {

    private final ExecutionListener delegate;
    private final Consumer<String> warn;
    private final Map<MavenProject, Map<String, StartedCluster>> clusters = new IdentityHashMap<>();

    private BuildClusters(ExecutionListener delegate, Consumer<String> warn) {
        this.delegate = delegate;
        this.warn = warn;
    }

    /**
     * The registry of {@code session}, installed on its request's execution listener on first use.
     *
     * @param warn where to say that a cluster was stopped because its project's build ended without {@code stop}
     */
    public static BuildClusters of(MavenSession session, Consumer<String> warn) {
        MavenExecutionRequest request = session.getRequest();
        synchronized (request) {
            ExecutionListener listener = request.getExecutionListener();
            if (listener instanceof BuildClusters) {
                return (BuildClusters) listener;
            }
            BuildClusters registry = new BuildClusters(listener, warn);
            request.setExecutionListener(registry);
            return registry;
        }
    }

    /** Whether {@code project} already has a running cluster of this name. */
    public synchronized boolean contains(MavenProject project, String name) {
        return clusters.getOrDefault(project, Map.of()).containsKey(name);
    }

    /** Records a cluster that {@code start} started for {@code project}. */
    public synchronized void add(MavenProject project, StartedCluster cluster) {
        clusters.computeIfAbsent(project, key -> new LinkedHashMap<>()).put(cluster.name(), cluster);
    }

    /** Takes the named cluster of {@code project} out of the registry; {@code null} if there is none. */
    public synchronized StartedCluster remove(MavenProject project, String name) {
        Map<String, StartedCluster> ofProject = clusters.get(project);
        return ofProject == null ? null : ofProject.remove(name);
    }

    /** Takes every cluster of {@code project} out of the registry, by name, in the order they were started. */
    public synchronized Map<String, StartedCluster> removeAll(MavenProject project) {
        Map<String, StartedCluster> ofProject = clusters.remove(project);
        return ofProject == null ? Map.of() : ofProject;
    }

    private void closeLeftOf(MavenProject project) {
        for (StartedCluster cluster : removeAll(project).values()) {
            warn.accept("The build of " + project.getId() + " ended before kafka:stop ran: stopping the "
                    + cluster.describe() + " that kafka:start started");
            try {
                cluster.stop();
            } catch (RuntimeException e) {
                warn.accept("Stopping the " + cluster.describe() + " failed: " + e);
            }
        }
    }

    private void closeAllLeft() {
        List<MavenProject> projects;
        synchronized (this) {
            projects = new ArrayList<>(clusters.keySet());
        }
        projects.forEach(this::closeLeftOf);
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
    public void projectStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectStarted(event);
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
