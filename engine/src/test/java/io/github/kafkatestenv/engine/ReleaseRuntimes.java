package io.github.kafkatestenv.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The jars of any Kafka release, for the tests: the coordinates {@link ClusterDefinition#runtimeArtifacts()} names,
 * resolved with their runtime dependencies by running Maven on a generated pom, and cached per version under
 * {@code target/release-runtimes/}. Maven gets the local repository the test JVM got ({@code -Dmaven.repo.local}).
 *
 * <p><b>A stand-in</b> until the engine resolves any release itself: then the tests drop
 * {@code runtimeClasspath(ReleaseRuntimes.jars(...))}, and this class goes.
 */
final class ReleaseRuntimes {

    private static final Path CACHE = Paths.get("target", "release-runtimes");
    private static final long MAVEN_TIMEOUT_MINUTES = 10;

    private ReleaseRuntimes() {
    }

    /** The runtime jars of Kafka {@code version}, resolved once per build directory. */
    static synchronized List<Path> jars(String version) {
        Path classpath = CACHE.resolve(version).resolve("classpath.txt");
        try {
            List<Path> cached = read(classpath);
            if (!cached.isEmpty() && cached.stream().allMatch(Files::isRegularFile)) {
                return cached;
            }
            resolve(version, classpath);
            return read(classpath);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve the Kafka " + version + " runtime: " + e.getMessage(), e);
        }
    }

    private static List<Path> read(Path classpath) throws IOException {
        if (!Files.isRegularFile(classpath)) {
            return List.of();
        }
        String text = Files.readString(classpath, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(java.io.File.pathSeparator))
                .map(Paths::get).collect(Collectors.toList());
    }

    private static void resolve(String version, Path classpath) throws IOException {
        Path directory = classpath.getParent().toAbsolutePath();
        Files.createDirectories(directory);
        Path pom = directory.resolve("pom.xml");
        Files.writeString(pom, pom(version), StandardCharsets.UTF_8);
        Path log = directory.resolve("maven.log");
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-f", pom.toString(),
                "org.apache.maven.plugins:maven-dependency-plugin:" + dependencyPluginVersion() + ":build-classpath",
                "-DincludeScope=runtime", "-Dmdep.outputFile=" + classpath.toAbsolutePath()));
        String repository = System.getProperty("maven.repo.local", System.getProperty("localRepository"));
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Process maven = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!maven.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new IOException("Maven did not finish within " + MAVEN_TIMEOUT_MINUTES + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            maven.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Maven resolved it", e);
        }
        if (maven.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (exit " + maven.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static String pom(String version) {
        StringBuilder dependencies = new StringBuilder();
        for (String coordinates : ClusterDefinition.builder().kafkaVersion(version).build().runtimeArtifacts()) {
            String[] parts = coordinates.split(":");
            dependencies.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>")
                    .append(parts[1]).append("</artifactId><version>").append(parts[2])
                    .append("</version></dependency>\n");
        }
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>kafka-testenv.tests</groupId>\n  <artifactId>kafka-runtime-" + version + "</artifactId>\n"
                + "  <version>1</version>\n  <dependencies>\n" + dependencies + "  </dependencies>\n</project>\n";
    }

    /** Maven's launcher: the one running this build when known, else {@code mvn} from the PATH. */
    private static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null) {
            Path launcher = Paths.get(home, "bin", "mvn");
            if (Files.isExecutable(launcher)) {
                return launcher.toString();
            }
        }
        return "mvn";
    }

    /** The build's pinned maven-dependency-plugin, handed over by surefire (see engine/pom.xml). */
    private static String dependencyPluginVersion() {
        String version = System.getProperty("kafka.testenv.test.dependency-plugin.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("kafka.testenv.test.dependency-plugin.version is not set: run the tests"
                    + " through the engine's Maven build, which sets it");
        }
        return version;
    }
}
