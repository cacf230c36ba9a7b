package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the jars of a Kafka runtime. The engine is built with one runtime per line (its {@code runtime.list}, the
 * exact artifacts Maven resolved for it); those jars are taken from the local Maven repository, where any Maven
 * build that used the engine, or the plugin, put them. What is missing there, and any other release, is resolved
 * with the embedded resolver ({@link RuntimeResolution}).
 */
public final class RuntimeLocator {

    private static final Pattern ARTIFACT = Pattern.compile(
            "\\s*([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+)(?:\\s.*)?");

    private RuntimeLocator() {
    }

    /** One artifact of a runtime list. */
    public record Artifact(String groupId, String artifactId, String type, String classifier, String version) {

        /** {@code groupId:artifactId:extension[:classifier]:version}, as Maven Resolver spells an artifact. */
        String resolverCoordinates() {
            return groupId + ":" + artifactId + ":" + type + (classifier == null ? "" : ":" + classifier) + ":"
                    + version;
        }

        Path pathIn(Path repository) {
            String file = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
            return repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version).resolve(file);
        }
    }

    /** A runtime the engine was built with: a line's, or the clients' (see {@link #CLIENTS}). */
    public record Manifest(String name, URL bridgeDirectory, List<Artifact> artifacts) {

        public String version() {
            return artifacts.stream().filter(a -> a.artifactId().equals("kafka_2.13")).map(Artifact::version)
                    .findFirst().orElseThrow();
        }
    }

    /** The resource directory of the clients runtime, which drives clusters whose servers run in processes. */
    static final String CLIENTS = "META-INF/kafka-testenv/clients/";

    public static Manifest manifest(KafkaLine line) {
        return manifest(line.resourceDirectory(), line.toString());
    }

    static Manifest manifest(String resourceDirectory, String name) {
        String resource = resourceDirectory + "runtime.list";
        URL url = RuntimeLocator.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new KafkaTestEnvException("The engine jar lacks " + resource
                    + ": it was not built by its Maven build (run 'mvn package' in the kafka-testenv project)");
        }
        List<Artifact> artifacts = new ArrayList<>();
        try (InputStream in = url.openStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                // A build without -B may have coloured the list: colours are not part of a version.
                Matcher matcher = ARTIFACT.matcher(text.replaceAll("\u001B\\[[0-9;]*m", ""));
                if (matcher.matches()) {
                    artifacts.add(new Artifact(matcher.group(1), matcher.group(2), matcher.group(3),
                            matcher.group(4), matcher.group(5)));
                }
            }
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot read " + url + ": " + e.getMessage(), e);
        }
        String base = url.toString().substring(0, url.toString().length() - "runtime.list".length());
        try {
            return new Manifest(name, new URL(base), List.copyOf(artifacts));
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot use " + base + ": " + e.getMessage(), e);
        }
    }

    /**
     * The coordinates ({@code groupId:artifactId:version}) to resolve, with their runtime dependencies, for a
     * runtime of {@code version}: kafka_2.13, and the logging binding and certificate generator the bridge for its line expects.
     */
    public static List<String> artifactsToResolve(String version) {
        KafkaLine line = KafkaLine.of(version);
        Manifest manifest = manifest(line.companionSource());
        List<String> coordinates = new ArrayList<>();
        coordinates.add("org.apache.kafka:kafka_2.13:" + version);
        for (String companion : line.companionArtifacts()) {
            manifest.artifacts().stream()
                    .filter(a -> companion.equals(a.groupId() + ":" + a.artifactId()))
                    .forEach(a -> coordinates.add(companion + ":" + a.version()));
        }
        return coordinates;
    }

    /**
     * The jars of the Kafka {@code version} runtime. A built-in version's come from the local Maven repository as its
     * {@code runtime.list} names them, with no resolver at all when they are all there; missing ones, and every jar of
     * another version, are resolved from the user's repositories as Maven would ({@link MavenEnvironment}), with
     * progress lines on stderr when something is downloaded.
     */
    public static List<Path> locate(String version) {
        return locate(version, MavenEnvironment.current(), line -> System.err.println(line));
    }

    static List<Path> locate(String version, MavenEnvironment maven, Consumer<String> progress) {
        KafkaLine line = KafkaLine.of(version);
        String release = "Kafka " + version + " runtime";
        if (!line.runsInJvm() || !manifest(line).version().equals(version)) {
            List<String> roots = artifactsToResolve(version);
            try {
                return RuntimeResolution.withDependencies(release, roots, maven, progress);
            } catch (RuntimeResolution.Failure e) {
                throw failure(version, String.join(", ", roots) + " with their runtime dependencies", maven, e);
            }
        }
        return listed(manifest(line), release, maven, progress, (wanted, e) -> failure(version, wanted, maven, e));
    }

    /**
     * The jars of the clients runtime, which drives clusters whose servers run in processes: from the local Maven
     * repository as its {@code runtime.list} names them, resolving what is missing.
     */
    static List<Path> locateClients() {
        MavenEnvironment maven = MavenEnvironment.current();
        return listed(manifest(CLIENTS, "clients"), "Kafka clients runtime", maven, line -> System.err.println(line),
                (wanted, e) -> new KafkaTestEnvException("Cannot resolve the Kafka clients the engine drives"
                        + " clusters in processes with (" + wanted + ") into the local Maven repository "
                        + maven.localRepository() + ": " + e.getMessage() + (maven.offline()
                                ? " (resolution is offline: " + maven.offlineBecause() + ")" : "")));
    }

    /** A built-in runtime's jars, as its list names them; missing ones are resolved, exactly those. */
    private static List<Path> listed(Manifest manifest, String release, MavenEnvironment maven,
                                     Consumer<String> progress,
                                     BiFunction<String, RuntimeResolution.Failure, KafkaTestEnvException> failure) {
        Path repository = maven.localRepository();
        List<Path> jars = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        List<String> coordinates = new ArrayList<>();
        for (Artifact artifact : manifest.artifacts()) {
            Path jar = artifact.pathIn(repository);
            if (!Files.isRegularFile(jar)) {
                missing.add(jars.size());
                coordinates.add(artifact.resolverCoordinates());
            }
            jars.add(jar);
        }
        if (!missing.isEmpty()) {
            List<Path> resolved;
            try {
                resolved = RuntimeResolution.exactly(release, coordinates, maven, progress);
            } catch (RuntimeResolution.Failure e) {
                throw failure.apply((missing.size() == jars.size() ? "all " : missing.size() + " of its ")
                        + jars.size() + " jars, e.g. " + coordinates.get(0), e);
            }
            // Where the resolver put them (its own layout settings may differ from the default one).
            for (int i = 0; i < missing.size(); i++) {
                jars.set(missing.get(i), resolved.get(i));
            }
        }
        return jars;
    }

    private static KafkaTestEnvException failure(String version, String wanted, MavenEnvironment maven,
                                                 RuntimeResolution.Failure cause) {
        StringBuilder fetch = new StringBuilder();
        for (String coordinates : artifactsToResolve(version)) {
            fetch.append(fetch.length() == 0 ? "" : " && ").append("mvn dependency:get -Dartifact=")
                    .append(coordinates);
        }
        if (maven.offline()) {
            return new KafkaTestEnvException("The Kafka " + version + " runtime (" + wanted + ") is not complete in"
                    + " the local Maven repository " + maven.localRepository() + ", and resolution is offline ("
                    + maven.offlineBecause() + "): " + cause.getMessage() + ". Go online once (-D"
                    + MavenEnvironment.OFFLINE_PROPERTY + "=false overrides settings.xml), or fetch it with: " + fetch);
        }
        return new KafkaTestEnvException("Cannot resolve the Kafka " + version + " runtime (" + wanted + ") into the"
                + " local Maven repository " + maven.localRepository() + ": " + cause.getMessage() + ". Check that "
                + version + " is a released Kafka version, and the mirrors, servers (credentials) and proxies of "
                + maven.describeSettings() + "; or fetch it with: " + fetch);
    }
}
