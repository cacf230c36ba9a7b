package io.github.kafkatestenv.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a spare core, the classes a start is about to need, while the start itself runs. A broker start is
 * mostly one thread that loads some 9,000 classes one by one; the list of what it loaded last time, in that
 * order (kept in a small cache file per runtime and mode), lets a second thread load them ahead of it. The same
 * list warms the caller's own kafka-clients, which its first producer and consumer would otherwise load in the
 * test's time.
 *
 * <p>Only loading, never initialising: no static initialiser runs early. A missing or stale list costs nothing but
 * the speed-up; the list is rewritten after each successful start that found it missing.
 */
final class ClassPreloader {

    private static final String CLIENT_PACKAGES = "org.apache.kafka.c";

    private ClassPreloader() {
    }

    /** Where lists are kept: {@code kafka.testenv.cache}, else {@code ~/.cache/kafka-testenv}. */
    static Path cacheDirectory() {
        String configured = System.getProperty("kafka.testenv.cache");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "kafka-testenv");
    }

    static Path listFile(String key) {
        return cacheDirectory().resolve("classes-" + key.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
    }

    /** The class names of the last start with this key; empty if there is none. */
    static List<String> read(String key) {
        try {
            return Files.readAllLines(listFile(key), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads {@code names} in {@code loader}, skipping what it cannot find; stops when interrupted. */
    static void load(List<String> names, ClassLoader loader) {
        for (String name : names) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                Class.forName(name, false, loader);
            } catch (Throwable ignored) {
                // gone from this version, or not loadable alone: the start will tell if it matters
            }
        }
    }

    /**
     * Loads on a daemon thread, into the caller's own kafka-clients (the context class loader's, if it has one), the
     * kafka-clients classes of the first of the lists {@code keys} name that exists: the caller's first producer and
     * consumer then find them loaded. Only loading, never initialising; nothing when there is no list.
     */
    static void warmCallersClients(String... keys) {
        List<String> classes = List.of();
        for (String key : keys) {
            classes = clientClasses(read(key));
            if (!classes.isEmpty()) {
                break;
            }
        }
        if (classes.isEmpty()) {
            return;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader caller = context != null ? context : ClassPreloader.class.getClassLoader();
        List<String> names = classes;
        Thread warm = new Thread(() -> {
            try {
                Class.forName("org.apache.kafka.clients.producer.KafkaProducer", false, caller);
            } catch (ClassNotFoundException | LinkageError e) {
                return; // the caller has no kafka-clients: nothing to warm
            }
            load(names, caller);
        }, "kafka-testenv-warm-clients");
        warm.setDaemon(true);
        warm.start();
    }

    /** The names in {@code names} that kafka-clients defines, for warming the caller's copy of it. */
    static List<String> clientClasses(List<String> names) {
        List<String> clients = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(CLIENT_PACKAGES)) {
                clients.add(name);
            }
        }
        return clients;
    }

    /** Writes the list for the next start, atomically; a failure only costs the next start its head start. */
    static void write(String key, List<String> names) {
        Path file = listFile(key);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "classes-", ".tmp");
            try {
                Files.write(temporary, names, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException ignored) {
            // a read-only home: no head start next time
        }
    }
}
