package io.github.kafkatestenv.maven;

import static io.github.kafkatestenv.maven.LifecycleProject.assertRefused;
import static io.github.kafkatestenv.maven.LifecycleProject.list;
import static io.github.kafkatestenv.maven.LifecycleProject.load;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The {@code start} and {@code stop} goals as Maven configures and runs them (maven-plugin-testing-harness: the
 * generated plugin descriptor, a project read from a pom, the build's repository session), against real clusters.
 */
public class StartStopGoalsTest {

    @Rule
    public final LifecycleProject build = new LifecycleProject();

    private MavenProject project;
    private List<String> warnings;
    /** Every line the goals logged, DEBUG included. */
    private List<String> logged;

    @Before
    public void readProject() {
        project = build.project;
        warnings = build.warnings;
        logged = build.logged;
    }

    @Test
    public void startPublishesTheClusterAndStopRemovesIt() throws Exception {
        goal("start").execute();

        String bootstrapServers = project.getProperties().getProperty("kafka.testenv.bootstrap.servers");
        assertTrue(bootstrapServers, bootstrapServers.matches("127\\.0\\.0\\.1:\\d+"));
        assertTrue(project.getProperties().getProperty("kafka.testenv.zookeeper.connect").startsWith("127.0.0.1:"));
        assertEquals("zookeeper", project.getProperties().getProperty("kafka.testenv.cluster.mode"));
        Path file = workDirectory().resolve("kafka.properties");
        Properties written = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            written.load(in);
        }
        assertEquals(bootstrapServers, written.getProperty("kafka.testenv.bootstrap.servers"));
        assertEquals(project.getProperties().getProperty("kafka.testenv.cluster.id"),
                written.getProperty("kafka.testenv.cluster.id"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertEquals(Set.of("orders"), admin.listTopics().names().get());
        }

        goal("stop").execute();

        assertRefused(bootstrapServers);
        assertEquals("nothing left in the work directory", List.of(), list(workDirectory()));
        assertNull("stop takes the published address back", project.getProperties()
                .getProperty("kafka.testenv.bootstrap.servers"));
    }

    @Test
    public void securedClusterPublishesClientPropertiesThatProduceAndConsumeUse() throws Exception {
        goal("start", "kafka.testenv.securityProtocol", "SASL_SSL", "kafka.testenv.saslMechanism", "SCRAM-SHA-256",
                "kafka.testenv.users", "alice:alice-secret,bob:bob-secret", "kafka.testenv.grants",
                        "alice topic:orders read,write")
                .execute();
        Properties published = project.getProperties();
        String bootstrapServers = published.getProperty("kafka.testenv.bootstrap.servers");
        List<String> files = new ArrayList<>();
        try {
            assertEquals("SASL_SSL", published.getProperty("kafka.testenv.security.protocol"));
            Properties alice = load(Paths.get(published.getProperty("kafka.testenv.client.properties")));
            assertEquals(bootstrapServers, alice.getProperty("bootstrap.servers"));
            assertEquals("SASL_SSL", alice.getProperty("security.protocol"));
            assertEquals("SCRAM-SHA-256", alice.getProperty("sasl.mechanism"));
            assertTrue(alice.getProperty("sasl.jaas.config").contains("username=\"alice\""));
            assertEquals(alice, load(Paths.get(published.getProperty("kafka.testenv.client.alice.properties"))));
            Properties bob = load(Paths.get(published.getProperty("kafka.testenv.client.bob.properties")));
            assertTrue(bob.getProperty("sasl.jaas.config").contains("username=\"bob\""));
            Path tls = Paths.get(published.getProperty("kafka.testenv.tls.directory"));
            assertTrue(Files.isRegularFile(tls.resolve("ca.pem")));
            assertEquals(tls.resolve("truststore.p12").toString(), alice.getProperty("ssl.truststore.location"));
            Path clientFile = Paths.get(published.getProperty("kafka.testenv.client.properties"));
            assertEquals("only its owner may read a file with a password", "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(clientFile)));
            Properties written = load(workDirectory().resolve("kafka.properties"));
            assertEquals(clientFile.toString(), written.getProperty("kafka.testenv.client.properties"));
            assertEquals(tls.toString(), written.getProperty("kafka.testenv.tls.directory"));
            List.of("kafka.testenv.client.properties", "kafka.testenv.client.alice.properties",
                    "kafka.testenv.client.bob.properties",
                    "kafka.testenv.tls.directory").forEach(key -> files.add(published.getProperty(key)));

            // produce and consume find the cluster and its client properties (alice's) with nothing set.
            Path lines = Files.writeString(build.folder.newFile("orders.txt").toPath(), "o-1:placed\n");
            goal("produce", "kafka.testenv.topic", "orders", "kafka.testenv.file", lines.toString(),
                    "kafka.testenv.keySeparator", ":")
                    .execute();
            Path consumed = build.folder.getRoot().toPath().resolve("consumed.txt");
            goal("consume", "kafka.testenv.topic", "orders", "kafka.testenv.maxMessages", "1", "kafka.testenv.format",
                    "full",
                    "kafka.testenv.outputFile", consumed.toString()).execute();
            String record = Files.readString(consumed);
            assertTrue(record, record.contains("key=o-1") && record.contains("value=placed"));

            // bob has no grant: the authorizer hides the topic from him.
            MojoExecutionException refused = assertThrows(MojoExecutionException.class, () -> goal("consume",
                    "kafka.testenv.topic", "orders", "kafka.testenv.client.properties", published.getProperty(
                            "kafka.testenv.client.bob.properties")).execute());
            assertEquals("Topic orders is not among the topics this client may see at " + bootstrapServers
                    + " (it sees none). Check the name, create the topic (parameter topics of kafka:start or"
                    + " kafka:run),"
                    + " or check that a grant lets the client's user read it", refused.getMessage());
        } finally {
            goal("stop").execute();
        }

        assertRefused(bootstrapServers);
        assertEquals("nothing left in the work directory", List.of(), list(workDirectory()));
        for (String file : files) {
            assertFalse(file, Files.exists(Paths.get(file)));
        }
        for (String key : List.of("kafka.testenv.security.protocol", "kafka.testenv.client.properties",
                "kafka.testenv.client.alice.properties",
                "kafka.testenv.client.bob.properties", "kafka.testenv.tls.directory")) {
            assertNull("stop takes " + key + " back", published.getProperty(key));
        }
        assertTrue(logged.toString(), logged.stream().anyMatch(line -> line.matches("Kafka 3\\.9\\.2 in ZooKeeper mode,"
                + " 1 broker, ready in .*; SASL_SSL \\(SCRAM-SHA-256\\), users alice, bob, ACLs")));
        assertFalse("a password in the log: " + logged, logged.toString().contains("-secret"));
    }

    @Test
    public void onlyPropertiesOfOurOwnPrefixConfigureAGoal() throws Exception {
        // As Spring Boot's parent defines kafka.version (for kafka-clients), and a pom may define kafka.* for itself.
        project.getProperties().setProperty("kafka.version", "2.8.2");
        project.getProperties().setProperty("kafka.mode", "raft");
        project.getProperties().setProperty("kafka.port", "9092");
        project.getProperties().setProperty("kafka.users", "eve:eve-secret");
        // A property of our prefix in the pom's <properties> is ours: it configures the goal, as Maven does for any.
        project.getProperties().setProperty("kafka.testenv.mode", "kraft");
        goal("start").execute();
        try {
            assertFalse(project.getProperties().getProperty("kafka.testenv.bootstrap.servers").endsWith(":9092"));
            assertEquals("kraft", project.getProperties().getProperty("kafka.testenv.cluster.mode"));
            assertEquals("PLAINTEXT", project.getProperties().getProperty("kafka.testenv.security.protocol"));
            assertTrue(logged.toString(), logged.stream().anyMatch(line -> line.startsWith("Kafka 3.9.2 in KRaft")));
            assertFalse(logged.toString(), logged.toString().contains("eve"));
        } finally {
            goal("stop").execute();
        }
    }

    @Test
    public void namedClustersPublishUnderTheirNamesAndStopWithoutANameStopsAll() throws Exception {
        goal("start", "kafka.testenv.clusterName", "legacy").execute();
        goal("start", "kafka.testenv.clusterName", "current", "kafka.testenv.mode", "kraft").execute();

        String legacy = project.getProperties().getProperty("kafka.testenv.legacy.bootstrap.servers");
        String current = project.getProperties().getProperty("kafka.testenv.current.bootstrap.servers");
        assertNotEquals(legacy, current);
        assertEquals("kraft", project.getProperties().getProperty("kafka.testenv.current.cluster.mode"));
        assertNull("an unnamed cluster's properties",
                project.getProperties().getProperty("kafka.testenv.bootstrap.servers"));
        assertTrue(Files.exists(workDirectory().resolve("kafka-legacy.properties")));
        assertTrue(Files.exists(workDirectory().resolve("kafka-current.properties")));

        goal("stop", "kafka.testenv.clusterName", "legacy").execute();
        assertRefused(legacy);
        assertFalse(Files.exists(workDirectory().resolve("kafka-legacy.properties")));

        goal("stop").execute();
        assertRefused(current);
        assertEquals(List.of(), list(workDirectory()));
    }

    @Test
    public void aSecondClusterOfTheSameNameIsRefused() throws Exception {
        goal("start").execute();
        try {
            MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> goal("start").execute());
            assertTrue(failure.getMessage(), failure.getMessage().startsWith(
                    "A Kafka cluster (unnamed) is already running in this build of test.kafkatestenv:lifecycle"));
        } finally {
            goal("stop").execute();
        }
    }

    @Test
    public void aProjectWhoseBuildFailsBeforeStopHasItsClusterStopped() throws Exception {
        goal("start").execute();
        String bootstrapServers = project.getProperties().getProperty("kafka.testenv.bootstrap.servers");

        // What Maven tells the session's execution listener when a plugin of the integration-test phase fails.
        build.tell(ExecutionEvent.Type.ProjectFailed, project);

        assertRefused(bootstrapServers);
        assertEquals(List.of(), list(workDirectory()));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0), warnings.get(0).startsWith("The build of test.kafkatestenv:lifecycle:jar:1.0 ended"
                + " before kafka:stop ran: stopping the Kafka cluster (" + bootstrapServers + ")"));
    }

    @Test
    public void stopWithoutStartWarnsAndSucceeds() throws Exception {
        goal("stop").execute();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0),
                warnings.get(0).startsWith("Nothing to stop: kafka:start started no Kafka cluster"));
    }

    @Test
    public void skippedIntegrationTestsStartNothing() throws Exception {
        for (String skip : List.of("skipITs", "skipTests", "maven.test.skip", "kafka.testenv.skip")) {
            goal("start", skip, "true").execute();
            goal("stop", skip, "true").execute();
            assertNull(skip, project.getProperties().getProperty("kafka.testenv.bootstrap.servers"));
        }
        assertEquals("no warning: nothing was meant to start", List.of(), warnings);
    }

    @Test
    public void invalidClusterNameIsRefused() {
        MojoExecutionException failure = assertThrows(MojoExecutionException.class,
                () -> goal("start", "kafka.testenv.clusterName", "my cluster").execute());
        assertEquals("Invalid parameter clusterName (-Dkafka.testenv.clusterName): 'my cluster' has characters other"
                + " than letters, digits, '_' and '-'; use only those, for example <clusterName>orders</clusterName>:"
                + " it becomes part of the property names kafka.testenv.<clusterName>.bootstrap.servers",
                failure.getMessage());
    }

    private Mojo goal(String goal, String... userProperties) throws Exception {
        return build.goal(goal, userProperties);
    }

    private Path workDirectory() {
        return build.workDirectory();
    }
}
