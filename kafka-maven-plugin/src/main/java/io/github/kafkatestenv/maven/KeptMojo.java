package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.internal.ReusableClusters;
import io.github.kafkatestenv.engine.internal.ReusableClusters.KeptCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the clusters kept running for warm re-runs ({@code kafka.testenv.reuse=true}), and stops them. Works in any
 * directory, with or without a pom:
 * <pre>
 * mvn kafka:kept                                    # list them: id, what runs, host pid, since when, leased or not
 * mvn kafka:kept -Dkafka.testenv.stop               # stop every one that no run holds now
 * mvn kafka:kept -Dkafka.testenv.keptId=&lt;id&gt; -Dkafka.testenv.stop   # stop that one, even if a run holds it
 * </pre>
 * A kept cluster also stops by itself when no run has used it for its idle time ({@code kafka.testenv.reuse.idle},
 * 10 minutes by default). Stopping one ends its host JVM and deletes its directory. A cluster is <em>leased</em>
 * while a test run uses it: stopping it then fails that run, so {@code stop} alone leaves leased ones running.
 *
 * @since 0.1.0
 */
@Mojo(name = "kept", requiresProject = false, threadSafe = true)
public class KeptMojo extends AbstractMojo {

    /**
     * Stop the kept clusters this goal lists: every one that no run holds now, or the one {@code keptId} names,
     * leased or not. Default false: only list them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.stop", defaultValue = "false")
    boolean stop;

    /**
     * The id of one kept cluster, as this goal lists it: show (and with {@code stop}, stop) that one only. Default:
     * every kept cluster.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.keptId")
    String keptId;

    @Override
    public void execute() throws MojoExecutionException {
        List<KeptCluster> kept = ReusableClusters.list();
        String id = keptId == null ? "" : keptId.trim();
        if (!id.isEmpty()) {
            List<KeptCluster> named = kept.stream().filter(cluster -> cluster.id().equals(id)).toList();
            if (named.isEmpty()) {
                throw new MojoExecutionException("Invalid " + PluginParameters.describe("keptId") + ": no kept Kafka"
                        + " cluster has the id '" + id + "'. " + (kept.isEmpty() ? "There is none now"
                        : "The kept clusters are " + kept.stream().map(KeptCluster::id)
                        .collect(Collectors.joining(", "))) + "; run kafka:kept to list them");
            }
            kept = named;
        }
        if (kept.isEmpty()) {
            getLog().info("No Kafka cluster is kept for warm re-runs (a run with -D" + ReusableClusters.REUSE_PROPERTY
                    + "=true keeps one)");
            return;
        }
        Instant now = Instant.now();
        getLog().info(kept.size() + " Kafka cluster" + (kept.size() == 1 ? " is" : "s are")
                + " kept for warm re-runs:");
        for (KeptCluster cluster : kept) {
            getLog().info("  " + cluster.id() + "  " + cluster.description() + "  pid " + cluster.pid() + "  since "
                    + cluster.started().truncatedTo(ChronoUnit.SECONDS) + " (" + ago(cluster.started(), now) + ")  "
                    + (cluster.leased() ? "leased by a run in progress" : "free"));
        }
        if (stop) {
            stop(kept, !id.isEmpty());
        }
    }

    private void stop(List<KeptCluster> kept, boolean named) {
        for (KeptCluster cluster : kept) {
            // Unnamed, a cluster is stopped only under its lease, so that a run cannot take it while it stops.
            Optional<Boolean> stopped = named ? Optional.of(ReusableClusters.stop(cluster.id()))
                    : ReusableClusters.stopIfFree(cluster.id());
            if (stopped.isEmpty()) {
                getLog().info("Left running: " + cluster.id() + ", which a run uses now; name it with -D"
                        + PluginParameters.property("keptId") + "=" + cluster.id() + " to stop it all the same");
            } else if (stopped.get()) {
                getLog().info("Stopped " + cluster.id() + " (" + cluster.description() + ")");
            } else {
                getLog().info("Already gone: " + cluster.id());
            }
        }
    }

    private static String ago(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.toMinutes() < 1) {
            return age.toSeconds() + " s ago";
        }
        return age.toHours() < 1 ? age.toMinutes() + " min ago" : age.toHours() + " h " + age.toMinutesPart()
                + " min ago";
    }
}
