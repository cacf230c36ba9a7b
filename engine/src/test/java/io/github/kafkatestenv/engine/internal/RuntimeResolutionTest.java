package io.github.kafkatestenv.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own resolution, outside Maven, against a repository served on 127.0.0.1 from the build's local
 * repository, into a fresh empty local repository, with a settings.xml of the test's own: real resolution through
 * the embedded resolver, nothing mocked.
 */
class RuntimeResolutionTest {

    /** Small, with dependencies of its own: enough to see settings at work without moving 45 MB. */
    private static final String SMALL = "org.slf4j:slf4j-reload4j:1.7.36";
    private static final String SMALL_POM = "/org/slf4j/slf4j-reload4j/1.7.36/slf4j-reload4j-1.7.36.pom";

    /** The build's own local repository, read before a sandbox replaces it. */
    private static final Path BUILD_REPOSITORY = MavenEnvironment.current().localRepository();

    @TempDir
    Path directory;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void nothingOfTheResolverRunsAnyMore() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Thread thread : resolverThreads()) { // each ends by itself once the resolution is over
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        assertEquals(List.of(), resolverThreads().stream().map(Thread::getName).toList(),
                "threads of the resolver after its resolution");
    }

    @Test
    void aMirrorInSettingsServesTheResolutionWithProgressOnlyWhenSomethingIsDownloaded() throws Exception {
        try (RepositoryServer repository = RepositoryServer.serving(BUILD_REPOSITORY);
             MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", repository.url()))) {
            List<Path> jars = resolveSmall();

            assertTrue(jars.size() >= 3 && jars.stream().allMatch(jar -> jar.startsWith(sandbox.localRepository())
                    && Files.isRegularFile(jar)), "slf4j-reload4j, slf4j-api and reload4j in the fresh repository: "
                    + jars);
            assertTrue(repository.requests().contains("GET /maven2" + SMALL_POM), repository.requests().toString());
            for (String type : List.of("org.eclipse.aether.RepositorySystem",
                    "eu.maveniverse.maven.mima.context.Context", "io.github.kafkatestenv.resolver.StandaloneResolver")) {
                assertThrows(ClassNotFoundException.class, () -> Class.forName(type, false,
                        RuntimeResolutionTest.class.getClassLoader()), type + " stays off the caller's class path");
            }
            assertEquals(2, progress.size(), "a line when the download starts and one at its end: " + progress);
            assertTrue(progress.get(0).startsWith("kafka-testenv: downloading the test runtime from corp ("
                    + repository.url() + ") into " + sandbox.localRepository()), progress.get(0));
            assertTrue(progress.get(1).matches("kafka-testenv: test runtime downloaded: [3-9] files, [0-9.]+ MB in "
                    + "[0-9.]+ s"), progress.get(1));

            // A new JVM, the same repository: the jars come from the list in the cache directory.
            progress.clear();
            int requests = repository.requests().size();
            RuntimeResolution.forgetResolved();
            assertEquals(jars, resolveSmall());
            // Without that list, the resolver finds everything in the local repository: nothing shown or requested.
            try (Stream<Path> lists = Files.list(sandbox.cache())) {
                assertEquals(1, lists.peek(RuntimeResolutionTest::delete).count(), "one runtime list");
            }
            RuntimeResolution.forgetResolved();
            assertEquals(jars, resolveSmall());
            assertEquals(List.of(), progress);
            assertEquals(requests, repository.requests().size(), "requests once everything is cached");
        }
    }

    @Test
    void serverCredentialsFromSettingsLogIn() throws Exception {
        try (RepositoryServer repository = RepositoryServer.withLogin(BUILD_REPOSITORY, "kafka", "repository-secret");
             MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", repository.url())
                     + MavenSandbox.server("corp", "kafka", "repository-secret"))) {
            assertTrue(resolveSmall().stream().allMatch(jar -> jar.startsWith(sandbox.localRepository())));
        }
    }

    @Test
    void anEncryptedServerPasswordIsDecryptedWithTheMasterPassword() throws Exception {
        // As 'mvn --encrypt-master-password kafka-testenv-master' and 'mvn --encrypt-password repository-secret'
        Path security = directory.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>{FFrR7aab/i8Hyegnn/MU/QolB0PifTDM8dZjwSuu3xKzMOj/+IF"
                + "JL1U3HZUTKzll}</master></settingsSecurity>");
        try (RepositoryServer repository = RepositoryServer.withLogin(BUILD_REPOSITORY, "kafka", "repository-secret");
             MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", repository.url())
                     + MavenSandbox.server("corp", "kafka", "{PJ33BfDt8/AHMfJorxEFLk9viqmb5JLc7iewzd9zbDlU22ieacRH"
                     + "b31kP4SQBho5}"))) {
            sandbox.set("settings.security", security.toString());
            assertTrue(resolveSmall().stream().allMatch(jar -> jar.startsWith(sandbox.localRepository())));
        }
    }

    @Test
    void aWrongPasswordFailsNamingTheRepositoryAnd401() throws Exception {
        try (RepositoryServer repository = RepositoryServer.withLogin(BUILD_REPOSITORY, "kafka", "repository-secret");
             MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", repository.url())
                     + MavenSandbox.server("corp", "kafka", "wrong-secret"))) {
            KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                    () -> RuntimeLocator.locate("3.9.1", MavenEnvironment.current(), progress::add));
            assertContains(error.getMessage(), "Cannot resolve the Kafka 3.9.1 runtime",
                    "corp (" + repository.url() + ")", "401", sandbox.localRepository().toString(),
                    "mvn dependency:get -Dartifact=org.apache.kafka:kafka_2.13:3.9.1");
        }
    }

    @Test
    void anUnreachableRepositoryFailsNamingItAndTheReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/maven2";
        try (MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", url))) {
            KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                    () -> RuntimeLocator.locate("4.2.0", MavenEnvironment.current(), progress::add));
            assertContains(error.getMessage(), "Cannot resolve the Kafka 4.2.0 runtime", "corp (" + url + ")",
                    "Connection refused");
        }
    }

    @Test
    void aBrokenSettingsFileIsNamed() {
        try (MavenSandbox sandbox = new MavenSandbox(directory, "<mirrors><mirror>")) {
            KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                    () -> RuntimeLocator.locate("3.9.1", MavenEnvironment.current(), progress::add));
            assertContains(error.getMessage(), "Cannot resolve the Kafka 3.9.1 runtime",
                    "Cannot read the Maven settings (" + directory.resolve("settings.xml"), "Non-parseable settings");
        }
    }

    @Test
    void aProxyInSettingsCarriesEveryRequest() throws Exception {
        try (RepositoryServer proxy = RepositoryServer.serving(BUILD_REPOSITORY);
             MavenSandbox sandbox = new MavenSandbox(directory,
                     MavenSandbox.mirror("corp", "http://repo.kafka-testenv.invalid/maven2")
                             + MavenSandbox.proxy(proxy.port()))) {
            assertTrue(resolveSmall().stream().allMatch(jar -> jar.startsWith(sandbox.localRepository())));
            assertTrue(proxy.requests().contains("GET http://repo.kafka-testenv.invalid/maven2" + SMALL_POM),
                    proxy.requests().toString());
            assertTrue(proxy.requests().stream().allMatch(request -> request.contains(" http://repo.kafka-testenv"
                    + ".invalid/maven2/")), "only absolute URIs, as a client sends them to a proxy: "
                    + proxy.requests());
        }
    }

    @Test
    void offlineWithAnEmptyRepositorySaysWhatIsMissingAndHowToGetIt() {
        try (MavenSandbox sandbox = new MavenSandbox(directory, "")) {
            sandbox.set(MavenEnvironment.OFFLINE_PROPERTY, "true");
            KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                    () -> ClusterDefinition.builder().kafkaVersion("3.9.1").workDirectory(directory).build().start());
            assertContains(error.getMessage(), "The Kafka 3.9.1 runtime (org.apache.kafka:kafka_2.13:3.9.1, ",
                    "is not complete in the local Maven repository " + sandbox.localRepository(),
                    "offline (-Dkafka.testenv.offline=true)", "in offline mode and the artifact ",
                    " has not been downloaded from it before", "Go online once",
                    "mvn dependency:get -Dartifact=org.apache.kafka:kafka_2.13:3.9.1");
        }
    }

    @Test
    void offlineInSettingsAppliesToo() {
        try (MavenSandbox sandbox = new MavenSandbox(directory, "<offline>true</offline>")) {
            KafkaTestEnvException error = assertThrows(KafkaTestEnvException.class,
                    () -> RuntimeLocator.locate("4.4.0", MavenEnvironment.current(), progress::add));
            assertContains(error.getMessage(), "The Kafka 4.4.0 runtime (",
                    "jars, e.g. ", ") is not complete in the local Maven repository " + sandbox.localRepository(),
                    "offline (<offline>true</offline> in " + directory.resolve("settings.xml") + ")",
                    "mvn dependency:get -Dartifact=org.apache.kafka:kafka_2.13:4.4.0");
        }
    }

    @Test
    void aBuiltInRuntimeWithAJarMissingGetsJustThatJar() throws Exception {
        RuntimeLocator.Manifest manifest = RuntimeLocator.manifest(KafkaLine.KAFKA_3_9);
        try (RepositoryServer repository = RepositoryServer.serving(BUILD_REPOSITORY);
             MavenSandbox sandbox = new MavenSandbox(directory, MavenSandbox.mirror("corp", repository.url()))) {
            List<String> missing = new ArrayList<>();
            for (RuntimeLocator.Artifact artifact : manifest.artifacts()) {
                Path jar = artifact.pathIn(sandbox.localRepository());
                if (artifact.artifactId().equals("reload4j")) {
                    missing.add("GET /maven2/" + sandbox.localRepository().relativize(jar).toString()
                            .replace('\\', '/'));
                } else {
                    Files.createDirectories(jar.getParent());
                    Files.createSymbolicLink(jar, artifact.pathIn(BUILD_REPOSITORY));
                }
            }

            List<Path> jars = RuntimeLocator.locate(manifest.version(), MavenEnvironment.current(), progress::add);

            assertEquals(manifest.artifacts().size(), jars.size());
            assertTrue(jars.stream().allMatch(Files::isRegularFile), jars.toString());
            assertEquals(missing, repository.requests().stream().filter(Predicate.not(request ->
                    request.endsWith(".sha1") || request.endsWith(".md5"))).toList());
        }
    }

    @Test
    void aBuiltInReleaseResolvesToTheJarsMavenResolvedForIt() throws Exception {
        for (KafkaLine line : KafkaLine.values()) {
            if (!line.runsInJvm()) {
                continue; // no runtime is built in for it
            }
            RuntimeLocator.Manifest manifest = RuntimeLocator.manifest(line);
            try (MavenSandbox sandbox = new MavenSandbox(directory, "<offline>true</offline>")) {
                sandbox.set("maven.repo.local", BUILD_REPOSITORY.toString());
                List<Path> resolved = RuntimeResolution.withDependencies("test runtime", RuntimeLocator
                        .artifactsToResolve(manifest.version()), MavenEnvironment.current(), progress::add);
                assertEquals(manifest.artifacts().stream().map(artifact -> artifact.pathIn(BUILD_REPOSITORY))
                        .collect(Collectors.toSet()), Set.copyOf(resolved), "the runtime.list of " + line);
            }
        }
    }

    private List<Path> resolveSmall() throws RuntimeResolution.Failure {
        return RuntimeResolution.withDependencies("test runtime", List.of(SMALL), MavenEnvironment.current(),
                progress::add);
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Thread> resolverThreads() {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ClassLoader loader = thread.getContextClassLoader();
            if (thread.isAlive() && loader != null && "kafka-testenv-resolver".equals(loader.getName())) {
                threads.add(thread);
            }
        }
        return threads;
    }

    static void assertContains(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
        }
        assertFalse(message.contains("null"), () -> "no 'null' in: " + message);
    }
}
