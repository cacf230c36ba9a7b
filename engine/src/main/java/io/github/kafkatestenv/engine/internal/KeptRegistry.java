package io.github.kafkatestenv.engine.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The registry of kept clusters: one file per cluster, {@code <id>.properties}, in {@code kept/} under the user's
 * cache directory ({@code -Dkafka.testenv.cache}, else {@code ~/.cache/kafka-testenv}), written by the cluster's host
 * once it serves, deleted by it when it stops; beside it {@code <id>.lease}, the file whose lock is the lease. The
 * files hold the cluster's address with its secret, so only their owner may read them.
 */
final class KeptRegistry {

    private KeptRegistry() {
    }

    /**
     * One kept cluster: its definition's key, the address it is served at, its host process (pid and start time,
     * which tell a live host from a reused pid), the cluster's directory and the host's own.
     */
    record Entry(String id, String key, String address, long pid, String processStart, Path directory,
                 Path hostDirectory, String description, String engine, Instant started) {

        /** Whether the host process that wrote this entry still runs. */
        boolean hostAlive() {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            Optional<Instant> start = process.get().info().startInstant();
            return processStart == null || start.isEmpty() || start.get().toString().equals(processStart);
        }
    }

    static Path directory() {
        return ClassPreloader.cacheDirectory().toAbsolutePath().resolve("kept");
    }

    static Path entryFile(String id) {
        return directory().resolve(id + ".properties");
    }

    static Path leaseFile(String id) {
        return directory().resolve(id + ".lease");
    }

    /** Every entry that can be read; one being written appears once complete. */
    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory(), "*.properties")) {
            for (Path file : files) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            // no registry yet
        }
        return entries;
    }

    static Optional<Entry> read(String id) {
        return read(entryFile(id));
    }

    private static Optional<Entry> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            String id = file.getFileName().toString().replaceFirst("\\.properties$", "");
            return Optional.of(new Entry(id, properties.getProperty("key"), properties.getProperty("address"),
                    Long.parseLong(properties.getProperty("pid")), properties.getProperty("processStart"),
                    Paths.get(properties.getProperty("directory")), Paths.get(properties.getProperty("hostDirectory")),
                    properties.getProperty("description"), properties.getProperty("engine"),
                    Instant.parse(properties.getProperty("started"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile, or not ours
        }
    }

    /** Writes an entry whole (a reader never sees part of it), readable by its owner only. */
    static void write(Entry entry) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("key", entry.key());
        properties.setProperty("address", entry.address());
        properties.setProperty("pid", Long.toString(entry.pid()));
        if (entry.processStart() != null) {
            properties.setProperty("processStart", entry.processStart());
        }
        properties.setProperty("directory", entry.directory().toString());
        properties.setProperty("hostDirectory", entry.hostDirectory().toString());
        properties.setProperty("description", entry.description());
        properties.setProperty("engine", entry.engine());
        properties.setProperty("started", entry.started().toString());
        Path directory = Files.createDirectories(directory());
        Path temporary = Files.createTempFile(directory, entry.id() + "-", ".tmp");
        try {
            ownerOnly(temporary);
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "A cluster kept by kafka-testenv for warm re-runs; its host deletes this file");
            }
            Files.move(temporary, entryFile(entry.id()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes a file readable and writable by its owner only, where the file system knows POSIX permissions. */
    static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Removes what the registry holds of a cluster: its entry and its lease file. */
    static void remove(String id) {
        for (Path file : List.of(entryFile(id), leaseFile(id))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // removed with the next cleanup
            }
        }
    }

    /**
     * The engine this process runs, as its class files' location, and for a jar its size and time too (a SNAPSHOT
     * rebuilt in place is another engine): a kept cluster serves only the same engine.
     */
    static String engine() {
        java.net.URL location = KeptRegistry.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            Path jar = Paths.get(location.toURI());
            if (Files.isRegularFile(jar)) {
                return location + "@" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // the location alone
        }
        return String.valueOf(location);
    }
}
