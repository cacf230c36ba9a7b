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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * Finds the jars of a Kafka runtime. The engine is built with one runtime per line (its {@code runtime.list}, the
 * exact artifacts Maven resolved for it); those jars are taken from the local Maven repository, where any Maven
 * build that used the engine, or the plugin, put them.
 */
public final class RuntimeLocator {

    private static final Pattern ARTIFACT = Pattern.compile(
            "\\s*([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+)(?:\\s.*)?");

    private RuntimeLocator() {
    }

    /** One artifact of a runtime list. */
    public record Artifact(String groupId, String artifactId, String type, String classifier, String version) {

        String coordinates() {
            return groupId + ":" + artifactId + ":" + version + (classifier == null ? "" : ":" + type + ":" + classifier);
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

    /** The built-in runtime's jars for {@code version} from the local Maven repository, or a clear error. */
    public static List<Path> locate(String version) {
        KafkaLine line = KafkaLine.of(version);
        if (!line.runsInJvm()) {
            throw new KafkaTestEnvException("Kafka " + version + " is not built into this engine: pass its jars"
                    + " (runtimeClasspath), or start the cluster through kafka-maven-plugin, which resolves any version");
        }
        Manifest manifest = manifest(line);
        if (!manifest.version().equals(version)) {
            throw new KafkaTestEnvException("Kafka " + version + " is not built into this engine (it runs "
                    + manifest.version() + " for the " + version.substring(0, version.indexOf('.'))
                    + ".x line without a build tool): use " + manifest.version()
                    + ", or start the cluster through kafka-maven-plugin, which resolves any version");
        }
        return jarsOf(manifest, "The Kafka " + version + " runtime", artifactsToResolve(version));
    }

    /** The jars of the clients runtime, from the local Maven repository, or a clear error. */
    static List<Path> locateClients() {
        Manifest manifest = manifest(CLIENTS, "clients");
        return jarsOf(manifest, "The Kafka clients the engine drives clusters in processes with",
                manifest.artifacts().stream().map(Artifact::coordinates).toList());
    }

    private static List<Path> jarsOf(Manifest manifest, String what, List<String> toFetch) {
        Path repository = localRepository();
        List<Path> jars = new ArrayList<>();
        List<Artifact> missing = new ArrayList<>();
        for (Artifact artifact : manifest.artifacts()) {
            Path jar = artifact.pathIn(repository);
            if (Files.isRegularFile(jar)) {
                jars.add(jar);
            } else {
                missing.add(artifact);
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder fetch = new StringBuilder();
            for (String coordinates : toFetch) {
                fetch.append(fetch.length() == 0 ? "" : " && ").append("mvn dependency:get -Dartifact=")
                        .append(coordinates);
            }
            throw new KafkaTestEnvException(what + " is not in the local Maven repository " + repository + " ("
                    + missing.size() + " of " + manifest.artifacts().size() + " jars missing, e.g. "
                    + missing.get(0).coordinates() + "). Fetch it once with: " + fetch);
        }
        return jars;
    }

    /** The local repository as Maven would use it: -Dmaven.repo.local, settings.xml, or ~/.m2/repository. */
    static Path localRepository() {
        String property = System.getProperty("maven.repo.local");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        Path home = Paths.get(System.getProperty("user.home"));
        Path settings = home.resolve(".m2").resolve("settings.xml");
        if (Files.isRegularFile(settings)) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(false);
                factory.setExpandEntityReferences(false);
                NodeList nodes = factory.newDocumentBuilder().parse(settings.toFile())
                        .getElementsByTagName("localRepository");
                if (nodes.getLength() > 0 && !nodes.item(0).getTextContent().isBlank()) {
                    String path = nodes.item(0).getTextContent().trim()
                            .replace("${user.home}", home.toString());
                    return Paths.get(path);
                }
            } catch (Exception e) {
                // an unreadable settings.xml: Maven would fail on it too; fall back to its default
            }
        }
        return home.resolve(".m2").resolve("repository");
    }
}
