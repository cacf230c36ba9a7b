package io.github.kafkatestenv.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.plugin.testing.MojoRule;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A JUnit 4 rule: for each test, the project of {@code src/test/projects/lifecycle} in a temporary folder, read as
 * Maven reads it (maven-plugin-testing-harness: the generated plugin descriptor, the build's repository session,
 * offline), in a session of its own, with its goals configured as Maven configures them and a log that the test
 * reads.
 */
final class LifecycleProject implements TestRule {

    /** Where the project is; the test may put files there. */
    final TemporaryFolder folder = new TemporaryFolder();
    MavenProject project;
    MavenSession session;
    /** Every WARNING line the goals logged. */
    final List<String> warnings = new CopyOnWriteArrayList<>();
    /** Every line the goals logged, DEBUG included. */
    final List<String> logged = new CopyOnWriteArrayList<>();
    private final MojoRule maven = new MojoRule();
    private Xpp3Dom pluginConfiguration;

    @Override
    public Statement apply(Statement test, Description description) {
        Statement withProject = new Statement() {
            @Override
            public void evaluate() throws Throwable {
                readProject();
                test.evaluate();
            }
        };
        return RuleChain.outerRule(folder).around(maven).apply(withProject, description);
    }

    private void readProject() throws Exception {
        Path basedir = folder.newFolder("lifecycle").toPath();
        try (InputStream pom = Files.newInputStream(Paths.get("src/test/projects/lifecycle/pom.xml"))) {
            Files.copy(pom, basedir.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        project = maven.readMavenProject(basedir.toFile());
        pluginConfiguration = (Xpp3Dom) project.getPlugin("io.github.kafkatestenv:kafka-maven-plugin")
                .getConfiguration();
        session = maven.newMavenSession(project);
        // The build's local repository, offline: where the Kafka runtime is resolved from, as in a real build.
        DefaultRepositorySystemSession repositorySession = (DefaultRepositorySystemSession) session
                .getRepositorySession();
        repositorySession.setLocalRepositoryManager(maven.lookup(RepositorySystem.class).newLocalRepositoryManager(
                repositorySession, new LocalRepository(System.getProperty("it.mirroredRepository"))));
        repositorySession.setOffline(true);
    }

    /**
     * The goal configured as Maven would: the pom's configuration, the descriptor's defaults, {@code -D} pairs. What
     * {@code start} put in the session's user properties stays there, as in a real session.
     */
    Mojo goal(String goal, String... userProperties) throws Exception {
        Properties properties = new Properties();
        String clusters = session.getUserProperties().getProperty("kafka.testenv.clusters");
        if (clusters != null) {
            properties.setProperty("kafka.testenv.clusters", clusters);
        }
        properties.setProperty("kafka.testenv.workDirectory", workDirectory().toString());
        for (int i = 0; i < userProperties.length; i += 2) {
            properties.setProperty(userProperties[i], userProperties[i + 1]);
        }
        session.getRequest().setUserProperties(properties);
        MojoExecution execution = maven.newMojoExecution(goal);
        // Maven hands a goal only the plugin-level configuration of its own parameters; the harness hands it all.
        Plugin plugin = project.getPlugin("io.github.kafkatestenv:kafka-maven-plugin");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        for (Xpp3Dom child : pluginConfiguration.getChildren()) {
            if (execution.getMojoDescriptor().getParameterMap().containsKey(child.getName())) {
                configuration.addChild(new Xpp3Dom(child));
            }
        }
        plugin.setConfiguration(configuration);
        Mojo mojo = maven.lookupConfiguredMojo(session, execution);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
                logged.add(content.toString());
            }

            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
                super.info(content);
            }

            @Override
            public void debug(CharSequence content) {
                logged.add(content.toString());
            }
        });
        return mojo;
    }

    Path workDirectory() {
        return Paths.get(project.getBuild().getDirectory(), "kafka-testenv");
    }

    /** What Maven tells the session's execution listener about {@code about}. */
    void tell(ExecutionEvent.Type type, MavenProject about) {
        ExecutionEvent event = new ExecutionEvent() {
            @Override
            public Type getType() {
                return type;
            }

            @Override
            public MavenSession getSession() {
                return session;
            }

            @Override
            public MavenProject getProject() {
                return about;
            }

            @Override
            public MojoExecution getMojoExecution() {
                return null;
            }

            @Override
            public Exception getException() {
                return null;
            }
        };
        switch (type) {
            case ProjectStarted -> session.getRequest().getExecutionListener().projectStarted(event);
            case ProjectSucceeded -> session.getRequest().getExecutionListener().projectSucceeded(event);
            case ProjectFailed -> session.getRequest().getExecutionListener().projectFailed(event);
            case SessionEnded -> session.getRequest().getExecutionListener().sessionEnded(event);
            default -> throw new IllegalArgumentException("not an event the goals listen to: " + type);
        }
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    static List<String> list(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    static void assertRefused(String bootstrapServers) throws IOException {
        for (String address : bootstrapServers.split(",")) {
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                throw new AssertionError("port " + port + " still accepts connections");
            } catch (ConnectException expected) {
                // stopped
            }
        }
    }
}
