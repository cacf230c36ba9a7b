package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The launcher the engine embeds ({@code kafka-testenv-launcher}, JDK only), as a jar file on disk: server JVMs put
 * it first on their class path, and class-data sharing accepts jar files only. Written once per content into the
 * user's cache directory.
 */
final class LauncherJar {

    static final String MAIN_CLASS = "io.github.kafkatestenv.launcher.ServerMain";
    private static final String RESOURCE = "META-INF/kafka-testenv/launcher.jar";

    private static volatile Path extracted;

    private LauncherJar() {
    }

    static Path path() {
        Path known = extracted;
        if (known != null && Files.isRegularFile(known)) {
            return known;
        }
        byte[] content;
        try (InputStream in = LauncherJar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new KafkaTestEnvException("The engine jar lacks " + RESOURCE
                        + ": it was not built by its Maven build (run 'mvn package' in the kafka-testenv project)");
            }
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot read " + RESOURCE + " from the engine jar: " + e.getMessage(), e);
        }
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
            Path directory = ClassPreloader.cacheDirectory();
            Path jar = directory.resolve("launcher-" + digest + ".jar");
            if (!Files.isRegularFile(jar)) {
                Files.createDirectories(directory);
                Path temp = Files.createTempFile(directory, "launcher-", ".tmp");
                Files.write(temp, content);
                Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            extracted = jar;
            return jar;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new KafkaTestEnvException("Cannot write the server launcher into " + ClassPreloader.cacheDirectory()
                    + " (set -Dkafka.testenv.cache to a writable directory): " + e.getMessage(), e);
        }
    }
}
