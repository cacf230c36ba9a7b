package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.BuildClusters;
import io.github.kafkatestenv.maven.internal.StartedCluster;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Waits until the clusters that serve this project are ready, by default in the {@code pre-integration-test} phase,
 * and publishes their properties ({@code kafka.testenv.bootstrap.servers}, ...) as {@code start} does when it waits.
 * For a {@code start} with {@code waitUntilReady} false, bound to an early phase so that the cluster starts while the
 * code compiles. The clusters that serve a project are those its own {@code start} started and those a project of
 * packaging {@code pom} (a parent or an aggregator) started for the whole build. A cluster that did not start fails
 * the goal with the start's error. A cluster that is already ready takes no time.
 *
 * @since 0.1.0
 */
@Mojo(name = "await", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class AwaitMojo extends ClusterGoal {

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped()) {
            return;
        }
        String name = ClusterNames.validate(clusterName);
        BuildClusters clusters = BuildClusters.of(session, getLog());
        List<StartedCluster> serving = clusters.serving(project, name.isEmpty() ? null : name);
        if (serving.isEmpty()) {
            nothingStarted("Nothing to wait for: kafka:start started no Kafka cluster " + (name.isEmpty() ? ""
                    : "named '" + name + "' ") + "that serves " + project.getId(), "");
            return;
        }
        for (StartedCluster cluster : serving) {
            long begun = System.nanoTime();
            StartedCluster.Ready ready;
            try {
                ready = cluster.await();
            } catch (MojoExecutionException e) {
                if (cluster.owner() == project) {
                    // Reported here: stop and the end of the build then have nothing left to say about it.
                    clusters.remove(project, cluster.name());
                    try {
                        cluster.stop();
                    } catch (MojoExecutionException | RuntimeException expected) {
                        // the start's own error, thrown below
                    }
                }
                throw e;
            }
            if (cluster.isPublishedTo(project)) {
                getLog().debug("The " + cluster.describe() + " was ready before: its properties are published");
                continue;
            }
            cluster.publishTo(project, ready);
            double waited = (System.nanoTime() - begun) / 1e9;
            getLog().info(StartMojo.readyLine(ready, cluster.name(), String.format(Locale.ROOT, " (waited %.1f s)",
                    waited)) + (cluster.owner() == project ? "" : "; started by " + cluster.owner().getId()));
        }
    }
}
