package io.github.kafkatestenv.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that act on the clusters {@code start} started ({@code await}, {@code stop}) share: which cluster,
 * and the switches under which {@code start} started nothing.
 */
abstract class ClusterGoal extends AbstractMojo {

    /**
     * The name of the cluster to act on, as its {@code start} execution gave it. Default: every cluster that
     * {@code start} started for this project.
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

    /** Whether the goal is to do nothing ({@code skip}); says so when it is. */
    boolean skipped() {
        if (skip) {
            getLog().info("Skipping: " + PluginParameters.property("skip") + " is true");
        }
        return skip;
    }

    /**
     * Says why there is no cluster to act on: at INFO if the tests are skipped (then {@code start} started none, as
     * meant), else as a warning, {@code warning} followed by the reasons {@code start} may have started none.
     */
    void nothingStarted(String warning, String more) {
        if (skipITs || skipTests || mavenTestSkip) {
            getLog().info("Skipping: the integration tests are skipped, so kafka:start started nothing");
            return;
        }
        getLog().warn(warning + " (it was skipped, failed, or is not bound to a phase of this build before this one"
                + more + ")");
    }
}
