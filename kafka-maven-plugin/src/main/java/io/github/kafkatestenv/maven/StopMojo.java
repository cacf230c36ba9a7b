package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.BuildClusters;
import io.github.kafkatestenv.maven.internal.StartedCluster;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

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
public class StopMojo extends AbstractMojo {

    /**
     * The name of the cluster to stop, as its {@code start} execution gave it. Default: every cluster that
     * {@code start} started in this build of the project.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.clusterName")
    String clusterName;

    /**
     * Skip this goal. Default false. A cluster that is not stopped is still stopped when the project's build ends.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.skip", defaultValue = "false")
    boolean skip;

    /** {@code -DskipITs}: then {@code start} started nothing, and there is nothing to warn about. */
    @Parameter(property = "skipITs", defaultValue = "false", readonly = true)
    boolean skipITs;

    /** {@code -DskipTests}: as {@code skipITs}. */
    @Parameter(property = "skipTests", defaultValue = "false", readonly = true)
    boolean skipTests;

    /** {@code -Dmaven.test.skip}: as {@code skipITs}. */
    @Parameter(property = "maven.test.skip", defaultValue = "false", readonly = true)
    boolean mavenTestSkip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping: " + PluginParameters.property("skip") + " is true");
            return;
        }
        BuildClusters clusters = BuildClusters.of(session, getLog()::warn);
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
        if (skipITs || skipTests || mavenTestSkip) {
            getLog().info("Skipping: the integration tests are skipped, so kafka:start started nothing");
            return;
        }
        getLog().warn("Nothing to stop: kafka:start started " + what + " in this build of " + project.getId()
                + " (it was skipped, failed, or is not bound to a phase of this build; with several clusters, give"
                + " kafka:stop the <clusterName> of a kafka:start execution)");
    }

    private void stop(StartedCluster started) throws MojoExecutionException {
        long begun = System.nanoTime();
        String described = started.describe();
        started.published().forEach(key -> project.getProperties().remove(key));
        try {
            started.stop();
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Stopping the " + described + " failed: " + e.getMessage()
                    + ". Its log: " + started.cluster().logFile(), e);
        }
        getLog().info(String.format(Locale.ROOT, "%s stopped in %.1f s%s", described,
                (System.nanoTime() - begun) / 1e9, started.cluster().definition().keepDirectory()
                        ? "; its directory is kept: " + started.cluster().directory() : ""));
    }
}
