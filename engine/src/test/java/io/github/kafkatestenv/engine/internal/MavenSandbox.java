package io.github.kafkatestenv.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A machine as a fresh user's looks to the engine: an empty local repository, an empty cache directory and a
 * {@code settings.xml} of the test's own, set through the system properties the engine reads (Surefire passes the
 * build's own {@code -Dmaven.repo.local} on to tests, so it must be replaced). {@link #close()} puts every property back.
 */
final class MavenSandbox implements AutoCloseable {

    private static final String[] PROPERTIES = {"maven.repo.local", "org.apache.maven.user-settings",
            "org.apache.maven.global-settings", "settings.security", MavenEnvironment.OFFLINE_PROPERTY,
            "kafka.testenv.cache"};

    private final Map<String, String> saved = new HashMap<>();
    private final Path localRepository;

    /** {@code settingsBody} goes between {@code <settings>} and {@code </settings>}. */
    MavenSandbox(Path directory, String settingsBody) {
        for (String property : PROPERTIES) {
            saved.put(property, System.getProperty(property));
            System.clearProperty(property);
        }
        localRepository = directory.resolve("repository");
        Path settings = directory.resolve("settings.xml");
        try {
            Files.createDirectories(localRepository);
            Files.writeString(settings, "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n"
                    + settingsBody + "\n</settings>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("maven.repo.local", localRepository.toString());
        System.setProperty("org.apache.maven.user-settings", settings.toString());
        // No Maven installation's settings (a CI machine's may block http mirrors): only the test's own count.
        System.setProperty("org.apache.maven.global-settings", directory.resolve("no-global-settings.xml").toString());
        System.setProperty("kafka.testenv.cache", directory.resolve("cache").toString());
    }

    /** A mirror of every repository at {@code url}, with the id credentials refer to. */
    static String mirror(String id, String url) {
        return "<mirrors><mirror><id>" + id + "</id><mirrorOf>*</mirrorOf><url>" + url + "</url></mirror></mirrors>";
    }

    static String server(String id, String username, String password) {
        return "<servers><server><id>" + id + "</id><username>" + username + "</username><password>" + password
                + "</password></server></servers>";
    }

    static String proxy(int port) {
        return "<proxies><proxy><id>test-proxy</id><active>true</active><protocol>http</protocol>"
                + "<host>127.0.0.1</host><port>" + port + "</port></proxy></proxies>";
    }

    Path localRepository() {
        return localRepository;
    }

    /** The engine's cache directory ({@code kafka.testenv.cache}). */
    Path cache() {
        return Path.of(System.getProperty("kafka.testenv.cache"));
    }

    void set(String property, String value) {
        System.setProperty(property, value);
    }

    @Override
    public void close() {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }
}
