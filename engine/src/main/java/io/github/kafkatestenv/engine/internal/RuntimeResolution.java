package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Resolves jars outside Maven with the resolver embedded in the engine (Maveniverse MIMA, under
 * {@code META-INF/kafka-testenv/resolver/}), loaded for each resolution in a class loader whose parent is the
 * platform loader, as a Kafka runtime is: the caller's class path may hold Maven or Resolver classes of other
 * versions, and sees none of these. The two sides exchange JDK types only (see the resolver module's
 * {@code StandaloneResolver}).
 *
 * <p>One resolution runs at a time in a JVM. A runtime resolved with its dependencies is noted, as the list of its
 * jars, in the engine's cache directory ({@code runtime-<version>-<key>.txt}): the next start, in this JVM or
 * another, takes the jars from there with no resolver at all while they all exist. A released version's
 * dependencies never change, so the list cannot go stale; the key covers the coordinates and the local repository.
 */
final class RuntimeResolution {

    private static final String DIRECTORY = "META-INF/kafka-testenv/resolver/";
    private static final String ENTRY = "io.github.kafkatestenv.resolver.StandaloneResolver";
    private static final Map<String, List<Path>> RESOLVED = new ConcurrentHashMap<>();

    private RuntimeResolution() {
    }

    /** Why a resolution failed, in the resolver's words (artifact, repository, reason). */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * The jars of {@code coordinates} ({@code groupId:artifactId:version}) and of their runtime dependencies,
     * resolved together as the dependencies of one project.
     */
    static List<Path> withDependencies(String release, List<String> coordinates, MavenEnvironment maven,
                                       Consumer<String> progress) throws Failure {
        return resolve(release, "dependencies", coordinates, maven, progress);
    }

    /** The files of {@code coordinates} ({@code groupId:artifactId:extension[:classifier]:version}), each alone. */
    static List<Path> exactly(String release, List<String> coordinates, MavenEnvironment maven,
                              Consumer<String> progress) throws Failure {
        return resolve(release, "artifacts", coordinates, maven, progress);
    }

    private static synchronized List<Path> resolve(String release, String kind, List<String> coordinates,
                                                   MavenEnvironment maven, Consumer<String> progress)
            throws Failure {
        String key = kind + " " + coordinates + " into " + maven.localRepository();
        boolean listed = kind.equals("dependencies");
        List<Path> known = RESOLVED.get(key);
        if (known == null && listed) {
            known = read(listFile(key, coordinates));
        }
        if (known != null && !known.isEmpty() && known.stream().allMatch(Files::isRegularFile)) {
            return known;
        }
        Map<String, Object> request = new HashMap<>();
        request.put("release", release);
        request.put(kind, List.copyOf(coordinates));
        request.put("localRepository", maven.localRepository());
        request.put("userSettings", maven.userSettings());
        maven.globalSettings().ifPresent(path -> request.put("globalSettings", path));
        maven.settingsSecurity().ifPresent(path -> request.put("settingsSecurity", path));
        request.put("offline", maven.offline());
        request.put("progress", progress);
        List<Path> files = List.copyOf(call(request));
        RESOLVED.put(key, files);
        if (listed) {
            write(listFile(key, coordinates), files);
        }
        return files;
    }

    /** {@code runtime-<version of the first coordinates>-<hash of key>.txt} in the engine's cache directory. */
    private static Path listFile(String key, List<String> coordinates) {
        String first = coordinates.get(0);
        String version = first.substring(first.lastIndexOf(':') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ClassPreloader.cacheDirectory().resolve("runtime-" + version + "-"
                    + HexFormat.of().formatHex(hash, 0, 8) + ".txt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static List<Path> read(Path list) {
        try {
            return Files.readAllLines(list, StandardCharsets.UTF_8).stream().map(Path::of).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Writes the list whole or not at all; a cache that cannot be written only costs the next start a resolution. */
    private static void write(Path list, List<Path> files) {
        Path partial = null;
        try {
            Files.createDirectories(list.getParent());
            partial = Files.createTempFile(list.getParent(), list.getFileName().toString(), ".partial");
            Files.write(partial, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
            Files.move(partial, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // the next start resolves again
            try {
                if (partial != null) {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** Forgets what this JVM resolved, as a new JVM would (the cache directory's lists stay). For tests. */
    static void forgetResolved() {
        RESOLVED.clear();
    }

    /**
     * Runs the resolver on a thread of its own, whose context class loader is the resolver's: whatever the library
     * leaves in thread-locals ends with that thread, and the loader can go once the resolution is over.
     */
    private static List<Path> call(Map<String, Object> request) throws Failure {
        URL directory = RuntimeResolution.class.getClassLoader().getResource(DIRECTORY);
        if (directory == null) {
            throw new KafkaTestEnvException("The engine jar lacks " + DIRECTORY
                    + ": it was not built by its Maven build (run 'mvn package' in the kafka-testenv project)");
        }
        Object[] outcome = new Object[1];
        try (URLClassLoader loader = new URLClassLoader("kafka-testenv-resolver", new URL[] {directory},
                ClassLoader.getPlatformClassLoader())) {
            Thread thread = new Thread(() -> outcome[0] = apply(loader, request), "kafka-testenv-resolver");
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new KafkaTestEnvException("Interrupted while resolving " + request.get("release"), e);
            }
        } catch (IOException e) {
            // closing the loader: nothing else to release
        }
        if (outcome[0] instanceof Failure failure) {
            throw failure;
        }
        if (outcome[0] instanceof RuntimeException failure) {
            throw failure;
        }
        if (outcome[0] == null) {
            throw new KafkaTestEnvException("The resolver embedded in the engine ended without a result while"
                    + " resolving " + request.get("release") + " (see its thread's error above)");
        }
        @SuppressWarnings("unchecked")
        List<Path> files = (List<Path>) outcome[0];
        return files;
    }

    /** The resolver's files, or the {@link Failure} or {@link KafkaTestEnvException} that says why there are none. */
    @SuppressWarnings("unchecked")
    private static Object apply(ClassLoader loader, Map<String, Object> request) {
        try {
            return ((Function<Map<String, Object>, List<Path>>) loader.loadClass(ENTRY).getDeclaredConstructor()
                    .newInstance()).apply(request);
        } catch (IllegalStateException e) {
            return new Failure(e.getMessage());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A cause of the resolver's own classes would keep its class loader alive: only JDK ones are kept.
            return new KafkaTestEnvException("The resolver embedded in the engine failed: " + e,
                    e.getClass().getClassLoader() == loader ? null : e);
        }
    }
}
