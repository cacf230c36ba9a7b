package io.github.kafkatestenv.maven;

import static io.github.kafkatestenv.maven.LifecycleProject.assertRefused;
import static io.github.kafkatestenv.maven.LifecycleProject.list;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.Rule;
import org.junit.Test;

/**
 * What {@code start} hands the build's test JVMs: the address of every cluster it serves, in the session's user
 * properties ({@code kafka.testenv.clusters}), which surefire and failsafe pass to the JVMs they fork; a start in the
 * background that {@code await} (or an attaching JVM) waits for; and a cluster of a {@code pom} project that serves
 * every project of the build until the build ends.
 */
public class ServedClusterGoalsTest {

    private static final String CLUSTERS = "kafka.testenv.clusters";

    @Rule
    public final LifecycleProject build = new LifecycleProject();

    @Test
    public void startServesTheClusterToTheBuildsJvmsAndStopEndsIt() throws Exception {
        build.goal("start").execute();

        String address = build.session.getUserProperties().getProperty(CLUSTERS);
        assertTrue(address, address.matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{43}#project=.+"));
        assertEquals("served to this project's test JVMs only", build.project.getBasedir().getAbsolutePath(),
                URLDecoder.decode(address.substring(address.indexOf("#project=") + 9), StandardCharsets.UTF_8));
        assertEquals(address, build.project.getProperties().getProperty(CLUSTERS));
        String bootstrapServers = build.project.getProperties().getProperty("kafka.testenv.bootstrap.servers");
        try (KafkaCluster attached = KafkaCluster.attach(address)) {
            assertEquals(bootstrapServers, attached.bootstrapServers());
            assertEquals(build.project.getProperties().getProperty("kafka.testenv.cluster.id"), attached.clusterId());
        }

        build.goal("stop").execute();

        assertNull(build.session.getUserProperties().getProperty(CLUSTERS));
        assertNull(build.project.getProperties().getProperty(CLUSTERS));
        KafkaTestEnvException gone = assertThrows(KafkaTestEnvException.class, () -> KafkaCluster.attach(address));
        assertTrue(gone.getMessage(), gone.getMessage().startsWith("Cannot reach the cluster at " + address));
        assertRefused(bootstrapServers);
    }

    @Test
    public void startWithoutWaitingReturnsAtOnceAndAwaitPublishesOnceReady() throws Exception {
        build.goal("start", "kafka.testenv.waitUntilReady", "false").execute();

        assertTrue(build.logged.toString(), build.logged.contains("Kafka 3.9.2 (ZooKeeper, 1 broker) starting in the"
                + " background; kafka:await waits for it"));
        String address = build.session.getUserProperties().getProperty(CLUSTERS);
        assertTrue(address, address.startsWith("http://127.0.0.1:"));
        assertNull("published by await", build.project.getProperties().getProperty("kafka.testenv.bootstrap.servers"));
        String attachedServers;
        try (KafkaCluster attached = KafkaCluster.attach(address)) { // waits until the cluster is ready
            attachedServers = attached.bootstrapServers();
        }

        build.goal("await").execute();

        String bootstrapServers = build.project.getProperties().getProperty("kafka.testenv.bootstrap.servers");
        assertEquals(attachedServers, bootstrapServers);
        assertTrue(build.logged.toString(), build.logged.stream().anyMatch(line -> line.matches("Kafka 3\\.9\\.2 in"
                + " ZooKeeper mode, 1 broker, ready in \\d+\\.\\d s \\(waited \\d+\\.\\d s\\) at " + bootstrapServers
                + ", topics orders:2:1")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertEquals(Set.of("orders"), admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }

        build.goal("stop").execute();
        assertRefused(bootstrapServers);
        assertEquals(List.of(), list(build.workDirectory()));
        assertNull(build.project.getProperties().getProperty("kafka.testenv.bootstrap.servers"));
    }

    @Test
    public void aBackgroundStartThatFailsFailsAwaitOrStopWithItsError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            String expected = "Port " + port + " (broker 0) is already in use on 127.0.0.1";

            build.goal("start", "kafka.testenv.waitUntilReady", "false", "kafka.testenv.brokerPort", port).execute();
            String address = build.session.getUserProperties().getProperty(CLUSTERS);
            KafkaTestEnvException attachError = assertThrows(KafkaTestEnvException.class,
                    () -> KafkaCluster.attach(address));
            assertTrue(attachError.getMessage(), attachError.getMessage().startsWith(expected));
            MojoExecutionException awaitError = assertThrows(MojoExecutionException.class,
                    () -> build.goal("await").execute());
            assertEquals(attachError.getMessage(), awaitError.getMessage());
            assertNull("no longer served", build.session.getUserProperties().getProperty(CLUSTERS));
            build.goal("stop").execute();
            assertTrue(build.warnings.toString(), build.warnings.get(0).startsWith("Nothing to stop"));

            build.goal("start", "kafka.testenv.waitUntilReady", "false", "kafka.testenv.brokerPort", port).execute();
            MojoExecutionException stopError = assertThrows(MojoExecutionException.class,
                    () -> build.goal("stop").execute());
            assertTrue(stopError.getMessage(), stopError.getMessage().startsWith(expected));
        }
        assertEquals(List.of(), list(build.workDirectory()));
    }

    @Test
    public void aPomProjectsClusterServesEveryLaterProjectUntilTheBuildEnds() throws Exception {
        build.project.setPackaging("pom");
        MavenProject module = new MavenProject();
        module.setArtifactId("module");
        build.session.setProjects(List.of(build.project, module));
        build.goal("start").execute();
        assertTrue(build.logged.toString(), build.logged.stream().anyMatch(line -> line.startsWith("Kafka 3.9.2 in"
                + " ZooKeeper mode") && line.endsWith("; it serves every project of this build")));
        String bootstrapServers = build.project.getProperties().getProperty("kafka.testenv.bootstrap.servers");

        build.tell(ExecutionEvent.Type.ProjectSucceeded, build.project);
        build.tell(ExecutionEvent.Type.ProjectStarted, module);

        assertEquals("the module gets the properties", bootstrapServers,
                module.getProperties().getProperty("kafka.testenv.bootstrap.servers"));
        try (KafkaCluster attached = KafkaCluster.attach(build.session.getUserProperties().getProperty(CLUSTERS))) {
            assertEquals("still running after its project's build", bootstrapServers, attached.bootstrapServers());
        }

        build.tell(ExecutionEvent.Type.SessionEnded, null);

        assertRefused(bootstrapServers);
        assertNull(build.session.getUserProperties().getProperty(CLUSTERS));
        assertNull(module.getProperties().getProperty("kafka.testenv.bootstrap.servers"));
        assertEquals(List.of(), list(build.workDirectory()));
        assertEquals("no warning: it was meant to run until the build ends", List.of(), build.warnings);
    }
}
