package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.KafkaBridge;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts the host JVM of a new kept cluster ({@link ClusterHost}) and waits until it serves the cluster. The host
 * runs from the engine's own classes, detached from this JVM: in a session of its own where {@code setsid} exists
 * (so that Ctrl-C in the build's terminal does not reach it), its input empty, its output in its log file. Its flags
 * are chosen for start time, as the server JVMs': C1 only, Serial GC.
 */
final class HostLauncher {

    private static final List<String> SETSID = List.of("/usr/bin/setsid", "/bin/setsid");
    /** System properties of this JVM that the host must see the same way: where and how it resolves Kafka. */
    private static final List<String> INHERITED = List.of("maven.repo.local", "maven.home",
            "org.apache.maven.user-settings", "org.apache.maven.global-settings", "settings.security",
            MavenEnvironment.OFFLINE_PROPERTY, "http.proxyHost", "http.proxyPort", "https.proxyHost",
            "https.proxyPort", "http.nonProxyHosts", StartPhases.PROPERTY);

    private HostLauncher() {
    }

    static KafkaCluster start(ClusterDefinition definition, Duration idleTime) {
        String id = newId();
        KeptLease lease;
        try {
            lease = KeptLease.tryTake(id);
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot write the registry of kept clusters in " + KeptRegistry.directory()
                    + " (" + e + "): set -Dkafka.testenv.cache to a writable directory", e);
        }
        // In the cache directory, not the temp directory: a kept cluster outlives the run, whose temp directory may
        // go with it (a build's target/, a benchmark's per-run directory).
        Path hostDirectory = KeptRegistry.directory().toAbsolutePath().resolve(WorkDirectory.PREFIX + "host-" + id);
        Process host = null;
        try {
            Files.createDirectories(hostDirectory);
            Path definitionFile = hostDirectory.resolve(ClusterHost.DEFINITION_FILE);
            Files.writeString(definitionFile, "", StandardCharsets.UTF_8);
            KeptRegistry.ownerOnly(definitionFile); // it holds the users' passwords
            Files.writeString(definitionFile, DefinitionText.write(definition), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command(hostDirectory, id, idleTime))
                    .directory(hostDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            hostDirectory.resolve(ClusterHost.LOG_FILE).toFile()));
            // This JVM is ours: options meant for the caller's JVMs (agents, debuggers on fixed ports) stay out.
            builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
            host = builder.start();
            WorkDirectory.writeOwner(hostDirectory, host.toHandle());
            KeptRegistry.Entry entry = awaitServing(host, id, definition);
            return RemoteCluster.attach(entry.address(), lease);
        } catch (IOException | RuntimeException e) {
            String log = LogTail.of(hostDirectory.resolve(ClusterHost.LOG_FILE), 40);
            if (host != null) {
                host.destroyForcibly();
                waitFor(host);
            }
            lease.close();
            KeptRegistry.remove(id);
            WorkDirectory.deleteQuietly(hostDirectory);
            throw new KafkaTestEnvException("The kept cluster (" + definition + ") did not start in its host JVM: "
                    + e.getMessage() + "\nLast lines of the host's log:\n" + log, e);
        }
    }

    /** Waits until the host has listed its cluster in the registry, or has ended, or the start timed out. */
    private static KeptRegistry.Entry awaitServing(Process host, String id, ClusterDefinition definition) {
        long deadline = Readiness.deadlineIn(definition.startTimeout().plusMinutes(1).toMillis());
        long pause = TimeUnit.MILLISECONDS.toNanos(10);
        while (true) {
            Optional<KeptRegistry.Entry> entry = KeptRegistry.read(id);
            if (entry.isPresent()) {
                return entry.get();
            }
            if (!host.isAlive()) {
                throw new KafkaTestEnvException("the host JVM ended with exit status " + host.exitValue());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaTestEnvException("the host JVM did not serve the cluster within "
                        + definition.startTimeout().plusMinutes(1).toSeconds() + " s");
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static List<String> command(Path hostDirectory, String id, Duration idleTime) {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(path -> Files.isExecutable(Paths.get(path))).findFirst().ifPresent(setsid -> {
            command.add(setsid);
            command.add("-w"); // only waits if setsid must fork, which a child of a JVM never needs
        });
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServerJvm.FAST_START_FLAGS);
        command.add("-Dkafka.testenv.cache=" + ClassPreloader.cacheDirectory().toAbsolutePath());
        command.add("-Djava.io.tmpdir=" + hostDirectory.toAbsolutePath());
        for (String property : INHERITED) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath()));
        command.add(ClusterHost.class.getName());
        command.add(hostDirectory.toString());
        command.add(id);
        command.add(idleTime.toString());
        return command;
    }

    /** The engine's classes (with its embedded runtimes) and the bridge API: all the host needs. */
    private static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(ClusterHost.class, KafkaBridge.class)) {
            try {
                String entry = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            } catch (URISyntaxException | RuntimeException e) {
                throw new KafkaTestEnvException("Cannot tell where the classes of " + type.getName() + " come from ("
                        + e + "), which a kept cluster's host JVM needs", e);
            }
        }
        return entries;
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String newId() {
        byte[] bytes = new byte[5];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
