package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.BuildClusters;
import io.github.kafkatestenv.maven.internal.StartedCluster;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops what {@code start} started in this build of the project, by default in the {@code post-integration-test}
 * phase: every broker and ZooKeeper server; it frees the ports and deletes the cluster's directory (unless
 * {@code keepDirectory}), its properties file and its client properties files, and takes back the project properties
 * {@code start} published. Where {@code start} started nothing (it was skipped, or is not bound), it says so and does
 * nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends ClusterGoal {

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped()) {
            return;
        }
        BuildClusters clusters = BuildClusters.of(session, getLog());
        String name = ClusterNames.validate(clusterName);
        if (name.isEmpty()) {
            Map<String, StartedCluster> started = clusters.removeAll(project);
            if (started.isEmpty()) {
                nothingToStop("no Kafka cluster");
            }
            MojoExecutionException failure = null;
            for (StartedCluster cluster : started.values()) {
                try {
                    stop(cluster); // every one, also after one failed: none may outlive the build
                } catch (MojoExecutionException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } else {
            StartedCluster cluster = clusters.remove(project, name);
            if (cluster == null) {
                nothingToStop("no Kafka cluster named '" + name + "'");
            } else {
                stop(cluster);
            }
        }
    }

    private void nothingToStop(String what) {
        List<StartedCluster> buildWide = BuildClusters.of(session, getLog()).serving(project, null).stream()
                .filter(cluster -> cluster.owner() != project).toList();
        String others = buildWide.isEmpty() ? "" : "; the " + buildWide.stream().map(cluster -> cluster.describe()
                + " that " + cluster.owner().getId() + " started").collect(Collectors.joining(", "))
                + " serves every project of this build and stops when the build ends";
        nothingStarted("Nothing to stop: kafka:start started " + what + " in this build of " + project.getId(),
                "; with several clusters, give kafka:stop the <clusterName> of a kafka:start execution" + others);
    }

    private void stop(StartedCluster started) throws MojoExecutionException {
        long begun = System.nanoTime();
        String described = started.describe();
        try {
            started.stop();
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Stopping the " + described + " failed: " + e.getMessage()
                    + started.readyNow().map(ready -> ". Its log: " + ready.cluster().logFile()).orElse(""), e);
        }
        StartedCluster.Ready ready = started.readyNow().orElseThrow();
        getLog().info(String.format(Locale.ROOT, "%s stopped in %.1f s%s", started.describe(),
                (System.nanoTime() - begun) / 1e9, started.definition().keepDirectory()
                        ? "; its directory is kept: " + ready.cluster().directory() : ""));
    }
}
