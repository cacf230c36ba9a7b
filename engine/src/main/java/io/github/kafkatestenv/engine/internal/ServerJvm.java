package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of a server JVM. These JVMs are ours, so their flags are chosen for start time and footprint:
 * C1 only (on two cores C2's compile threads compete with the start), Serial GC, a heap that grows from little.
 *
 * <p><b>Class-data sharing.</b> A server JVM spends most of its start loading classes. The first server of a role
 * (ZooKeeper or broker) for a release, a JDK and a class path records an archive of the classes it loaded into the
 * user's cache directory ({@code ~/.cache/kafka-testenv/cds}) when it exits; every later one maps it instead of
 * loading them again. JDK 25 and newer record an ahead-of-time cache ({@code -XX:AOTCacheOutput}), older ones a
 * dynamic CDS archive ({@code -XX:ArchiveClassesAtExit}). An archive's name holds a digest of the JDK and of every
 * jar (path, size and time), so a changed JDK or jar makes a new one: a stale archive is never used, and the JVM
 * itself refuses one that does not match. Only one JVM at a time records a given archive, into a file of its own
 * that is renamed when complete, so that concurrent starts never see half an archive.
 */
final class ServerJvm {

    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)[^\"]*\"");
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    /** The flags of every JVM of ours (servers, kept clusters' hosts): C1 only, Serial GC, a heap that grows. */
    static final List<String> FAST_START_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m",
            "-Xmx1g", "-XX:-UsePerfData", "-Djava.awt.headless=true");

    private final Path javaCommand;
    private final int feature;
    private final String jdkIdentity;
    private final List<Path> classpath;
    private final String release;

    private ServerJvm(Path java, int feature, String jdkIdentity, List<Path> classpath, String release) {
        this.javaCommand = java;
        this.feature = feature;
        this.jdkIdentity = jdkIdentity;
        this.classpath = classpath;
        this.release = release;
    }

    /** Server JVMs of {@code javaHome} (the caller's own Java when {@code null}) on {@code classpath}. */
    static ServerJvm of(Path javaHome, List<Path> classpath, String release) {
        Path home = javaHome != null ? javaHome : Paths.get(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        if (javaHome == null) {
            return new ServerJvm(java, Runtime.version().feature(), home + " " + System.getProperty("java.vm.version"),
                    classpath, release);
        }
        String releaseFile;
        try {
            releaseFile = Files.readString(home.resolve("release"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot read " + home.resolve("release") + " to tell the version of Java home "
                    + home + ": point javaHome at the home directory of a JDK or JRE, 17 or newer", e);
        }
        Matcher version = JAVA_VERSION.matcher(releaseFile);
        int feature = version.find() ? Integer.parseInt(version.group(1)) : 0;
        if (feature < 17) {
            throw new KafkaTestEnvException("Java home " + home + " is Java " + (feature == 0 ? "of unknown version"
                    : feature) + ": the server JVMs need Java 17 or newer; point javaHome at one");
        }
        return new ServerJvm(java, feature, home + " " + releaseFile.hashCode(), classpath, release);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** A command line, with the class-data archive it uses or records. */
    record Command(List<String> arguments, Archive archive) {
    }

    /**
     * The command that runs {@code mainClass} through the launcher, as server {@code role} ({@code zookeeper},
     * {@code broker}), with {@code properties} as system properties.
     */
    Command command(String role, Map<String, String> properties, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand.toString());
        command.addAll(FAST_START_FLAGS);
        // What the JVM says about classes it cannot archive is no news for a user reading the cluster's log.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        if (feature >= 25) {
            command.add("-Xlog:aot=off");
        }
        Archive archive = archive(role);
        command.addAll(archive.flags());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(LauncherJar.MAIN_CLASS);
        command.add(mainClass);
        command.addAll(arguments);
        return new Command(command, archive);
    }

    private Archive archive(String role) {
        Path directory = ClassPreloader.cacheDirectory().resolve("cds");
        boolean aot = feature >= 25;
        Path target = directory.resolve(release + "-" + role + "-jdk" + feature + "-" + digest(role)
                + (aot ? ".aot" : ".jsa"));
        if (Files.isRegularFile(target)) {
            return new Archive(List.of(aot ? "-XX:AOTCache=" + target : "-XX:SharedArchiveFile=" + target), null, null);
        }
        if (!RECORDING.add(target)) {
            return new Archive(List.of(), null, null); // another server of this JVM records it right now
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            RECORDING.remove(target);
            return new Archive(List.of(), null, null); // no cache directory: no archive, no harm
        }
        removeAbandonedRecordings(directory);
        Path temp = directory.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        return new Archive(List.of((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + temp), temp, target);
    }

    /** Recordings of JVMs that were killed before they completed (a day old): what is left of them goes. */
    private static void removeAbandonedRecordings(Path directory) {
        long dayAgo = System.currentTimeMillis() - 24 * 3600 * 1000L;
        try (var files = Files.newDirectoryStream(directory, "*.tmp*")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() < dayAgo) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // another JVM cleans up at the same moment; nothing depends on it
        }
    }

    private String digest(String role) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((jdkIdentity + "\n" + role + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path jar : classpath) {
                digest.update((jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "nodigest"; // an unreadable jar fails the start anyway, with a better message
        }
    }

    /**
     * The class-data archive of one server JVM: flags that use an existing one, or that record one into
     * {@code temp}, to become {@code target} once the JVM has exited.
     */
    record Archive(List<String> flags, Path temp, Path target) {

        boolean recording() {
            return temp != null;
        }

        /** After the JVM exited: keeps a complete recording, drops a partial one. */
        void finish(boolean exitedNormally) {
            if (temp == null) {
                return;
            }
            try {
                if (exitedNormally && Files.isRegularFile(temp) && Files.size(temp) > 0) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the next start records again
                }
            } finally {
                RECORDING.remove(target);
            }
        }
    }
}
