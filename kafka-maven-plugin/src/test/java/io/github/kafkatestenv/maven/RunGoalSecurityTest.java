package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.repository.LocalRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} goal, in this JVM, with a secured cluster: what its ready banner says about security, and that the
 * client properties files it names get a user in as that user. Ctrl-C is an interrupt here; {@link RunGoalIT} sends a
 * real SIGINT to a real {@code mvn}.
 */
class RunGoalSecurityTest {

    private static final Pattern CLUSTER_DIRECTORY = Pattern.compile("Log file:\\s+(\\S+)/logs/");

    @TempDir
    Path workDirectory;

    @Test
    void printsTheProtocolTheUsersTheirClientFilesAndTheTlsDirectory() throws Exception {
        Banner banner = new Banner();
        RunMojo run;
        PrintStream original = System.out;
        System.setOut(new PrintStream(banner, true, StandardCharsets.UTF_8)); // the goal keeps the stream it found
        try {
            run = GoalHarness.configure("run", "", Map.of("kafka.testenv.brokerPort", "0", "kafka.testenv.mode",
                    "kraft",
                    "kafka.testenv.workDirectory", workDirectory.toString(), "kafka.testenv.topics", "orders",
                    "kafka.testenv.securityProtocol", "SSL", "kafka.testenv.mutualTls", "true", "kafka.testenv.users",
                            "alice,bob",
                    "kafka.testenv.superUsers", "alice"));
        } finally {
            System.setOut(original);
        }
        resolveOfflineFromThisBuildsRepository(run);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                run.execute();
            } catch (Throwable e) {
                ended.set(e);
            }
        }, "run-goal-security-test");
        thread.start();
        try {
            assertTrue(banner.ready.await(3, TimeUnit.MINUTES), "not ready within 3 minutes:\n" + banner);
            Matcher directoryLine = CLUSTER_DIRECTORY.matcher(banner.toString());
            assertTrue(directoryLine.find(), banner.toString());
            Path cluster = Paths.get(directoryLine.group(1));
            assertTrue(banner.toString().contains(String.join(System.lineSeparator(),
                    "  Security protocol: SSL, client certificates, ACLs",
                    "  Users:             alice, bob",
                    "  Client properties: " + cluster.resolve("client-alice.properties") + " (alice)",
                    "                     " + cluster.resolve("client-bob.properties") + " (bob)",
                    "  TLS directory:     " + cluster.resolve("tls")
                            + " (ca.pem, truststore.p12, <user>-cert.pem, <user>-key.pem)")), banner.toString());
            assertTrue(Files.isRegularFile(cluster.resolve("tls/alice-cert.pem")));

            // Each certificate is its user: alice, a super user, sees the topic; bob, without a grant, sees nothing.
            assertEquals(Set.of("orders"), topicsSeenWith(cluster.resolve("client-alice.properties")));
            assertEquals(Set.of(), topicsSeenWith(cluster.resolve("client-bob.properties")));

            thread.interrupt(); // what Ctrl-C is to the goal
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(thread.isAlive(), "run did not end after the interrupt");
            assertInstanceOf(MojoExecutionException.class, ended.get());
            assertEquals("Interrupted: the Kafka cluster was stopped", ended.get().getMessage());
            assertFalse(Files.exists(cluster), cluster + " is left behind");
        } finally {
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.MINUTES.toMillis(2));
            }
        }
    }

    private static Set<String> topicsSeenWith(Path clientProperties) throws Exception {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(clientProperties)) {
            settings.load(in);
        }
        try (Admin admin = Admin.create(settings)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    /** As the start/stop tests do: the Kafka runtime comes from this build's local repository, offline. */
    private static void resolveOfflineFromThisBuildsRepository(RunMojo run) {
        DefaultRepositorySystemSession session = (DefaultRepositorySystemSession) run.repositorySession;
        session.setLocalRepositoryManager(run.repositorySystem.newLocalRepositoryManager(session,
                new LocalRepository(System.getProperty("it.mirroredRepository"))));
        session.setOffline(true);
    }

    /** What the goal prints; counts {@link #ready} down once it says Kafka is ready. */
    private static final class Banner extends OutputStream {
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final CountDownLatch ready = new CountDownLatch(1);

        @Override
        public synchronized void write(int b) {
            printed.write(b);
            if (b == '\n' && toString().contains("Press Ctrl-C to stop it.")) {
                ready.countDown();
            }
        }

        @Override
        public synchronized String toString() {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }
}
