package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A cluster's own directory, {@code kafka-testenv-<id>} under the work directory, with an owner file that names
 * this process. A directory whose owner process is gone (a JVM killed with SIGKILL) is stale; starting a cluster
 * removes the stale directories next to its own, and only those.
 */
public final class WorkDirectory {

    static final String PREFIX = "kafka-testenv-";
    static final String OWNER_FILE = "owner.properties";

    private WorkDirectory() {
    }

    /** The default parent: the system temp directory. */
    public static Path defaultParent() {
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /** Creates a fresh cluster directory under {@code parent}, after removing stale ones there. */
    public static Path create(Path parent) {
        Path base = parent == null ? defaultParent() : parent.toAbsolutePath();
        if (Files.exists(base) && !Files.isDirectory(base)) {
            throw new KafkaTestEnvException("The work directory " + base
                    + " is not a directory: choose a directory (or a path that does not exist yet)");
        }
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot create the work directory " + base + " (" + e
                    + "): choose a writable directory", e);
        }
        removeStale(base);
        Path directory = base.resolve(PREFIX + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectory(directory);
            writeOwner(directory, ProcessHandle.current());
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new KafkaTestEnvException("Cannot write in the work directory " + base + " (" + e
                    + "): choose a writable directory", e);
        }
        return directory;
    }

    /** Names {@code owner} as the process whose end makes {@code directory} stale. */
    static void writeOwner(Path directory, ProcessHandle owner) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(owner.pid()));
        owner.info().startInstant().ifPresent(start -> properties.setProperty("started", start.toString()));
        Path temporary = Files.createTempFile(directory, OWNER_FILE, ".tmp");
        try {
            try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "kafka-testenv cluster directory; removed when its owner process is gone");
            }
            Files.move(temporary, directory.resolve(OWNER_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Removes every {@code kafka-testenv-*} directory under {@code base} whose owner process is gone. */
    public static void removeStale(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && isStale(entry)) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException ignored) {
            // nothing to clean, or not readable: not this cluster's concern
        }
    }

    static boolean isStale(Path directory) {
        Path ownerFile = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(ownerFile)) {
            return false; // not ours, or still being created
        }
        Properties owner = new Properties();
        try (var in = Files.newBufferedReader(ownerFile, StandardCharsets.UTF_8)) {
            owner.load(in);
            long pid = Long.parseLong(owner.getProperty("pid", "-1"));
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            String started = owner.getProperty("started");
            Optional<Instant> actualStart = process.get().info().startInstant();
            // the pid was reused by another process
            return started != null && actualStart.isPresent() && !actualStart.get().toString().equals(started);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Deletes a directory tree; true when it is gone. */
    public static boolean deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return true;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return false;
        }
        return !Files.exists(directory);
    }
}
