package io.github.kafkatestenv.maven;

import static io.github.kafkatestenv.maven.ConsoleGoalSupport.goal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.engine.internal.ReusableClusters;
import io.github.kafkatestenv.engine.internal.ReusableClusters.KeptCluster;
import io.github.kafkatestenv.maven.ConsoleGoalSupport.CapturingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kept} goal, with no pom, against a real kept cluster (a host JVM of its own) in a registry of the test's
 * own: it lists it, leaves it running while a run holds it, and stops it when named.
 */
class KeptGoalTest {

    @TempDir
    Path cache;
    private String previousCache;

    @BeforeEach
    void useOwnRegistry() {
        previousCache = System.setProperty("kafka.testenv.cache", cache.toString());
    }

    @AfterEach
    void stopWhatIsKept() {
        ReusableClusters.stopAll();
        if (previousCache != null) {
            System.setProperty("kafka.testenv.cache", previousCache);
        } else {
            System.clearProperty("kafka.testenv.cache");
        }
    }

    @Test
    void listsKeptClustersAndStopsThem() throws Exception {
        CapturingLog none = new CapturingLog();
        goal("kept", none).execute();
        assertEquals(List.of("No Kafka cluster is kept for warm re-runs (a run with -Dkafka.testenv.reuse=true keeps"
                + " one)"), none.infos);

        ClusterDefinition definition = ClusterDefinition.builder().topic(Topic.parse("orders:3:1")).build();
        KafkaCluster leased = ReusableClusters.acquire(definition, Duration.ofMinutes(2));
        KeptCluster kept = ReusableClusters.list().get(0);
        ProcessHandle host = ProcessHandle.of(kept.pid()).orElseThrow();

        CapturingLog listed = new CapturingLog();
        goal("kept", listed).execute();
        assertEquals("1 Kafka cluster is kept for warm re-runs:", listed.infos.get(0));
        assertTrue(listed.infos.get(1).matches("  " + kept.id() + "  Kafka 3\\.9\\.2 ZooKeeper mode, 1 broker, topics"
                + " \\[orders:3:1]  pid " + kept.pid() + "  since \\S+Z \\(\\d+ s ago\\)  leased by a run in progress"),
                listed.infos.get(1));

        CapturingLog stopAll = new CapturingLog();
        goal("kept", stopAll, "kafka.testenv.stop", "true").execute();
        assertEquals("Left running: " + kept.id() + ", which a run uses now; name it with -Dkafka.testenv.keptId="
                + kept.id() + " to stop it all the same", stopAll.infos.get(2));
        assertTrue(host.isAlive(), "a leased cluster is left running");

        leased.close(); // the run ends: the cluster waits, free, for the next one
        CapturingLog free = new CapturingLog();
        goal("kept", free, "kafka.testenv.keptId", kept.id()).execute();
        assertTrue(free.infos.get(1).endsWith("  free"), free.infos.get(1));

        CapturingLog stopOne = new CapturingLog(); // free now: stopped without being named, under its lease
        goal("kept", stopOne, "kafka.testenv.stop", "true").execute();
        assertEquals("Stopped " + kept.id() + " (" + kept.description() + ")", stopOne.infos.get(2));
        assertTrue(host.onExit().get(30, TimeUnit.SECONDS) != null && !host.isAlive(), "its host JVM ended");
        assertFalse(Files.exists(kept.directory()), "its directory is deleted");
        assertEquals(List.of(), ReusableClusters.list());

        Mojo unknown = goal("kept", new CapturingLog(), "kafka.testenv.keptId", kept.id());
        MojoExecutionException error = assertThrows(MojoExecutionException.class, unknown::execute);
        assertEquals("Invalid parameter keptId (-Dkafka.testenv.keptId): no kept Kafka cluster has the id '"
                + kept.id() + "'. There is none now; run kafka:kept to list them", error.getMessage());
    }
}
