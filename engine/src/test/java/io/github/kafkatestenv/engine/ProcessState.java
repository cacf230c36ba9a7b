package io.github.kafkatestenv.engine;

import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What this JVM holds, read as a user's leak check would read it: live threads, listening sockets, open file
 * descriptors and the heap a full collection leaves.
 */
final class ProcessState {

    private ProcessState() {
    }

    static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /** Threads alive now that were not in {@code before}. */
    static List<String> newThreads(Set<Thread> before) {
        return liveThreads().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).sorted().collect(Collectors.toList());
    }

    /** TCP ports this process listens on, from /proc (IPv4 and IPv6). */
    static Set<Integer> listeningPorts() {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/fd", e);
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Paths.get(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[3].equals("0A") && inodes.contains(fields[9])) {
                        String local = fields[1];
                        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException ignored) {
                // no IPv6 table
            }
        }
        return ports;
    }

    /** How many file descriptors this process has open, from /proc. */
    static int openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/fd", e);
        }
    }

    /** Heap in use and classes loaded once full collections no longer free anything. */
    record Collected(long heapUsed, int loadedClasses) {
    }

    /**
     * Collects until two collections in a row free less than 1 MiB of heap and unload no class (for at most 10 s),
     * so that what a collection only queues for finalization does not count: reload4j's appenders in a Kafka 3.9
     * runtime are finalizable, and keep their class loader for one more collection after the finalizer thread ran.
     */
    static Collected collectFully() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long heapUsed = Long.MAX_VALUE;
        int loaded = Integer.MAX_VALUE;
        int quietCollections = 0;
        while (quietCollections < 2 && System.nanoTime() < deadline) {
            System.gc();
            long heapNow = memory.getHeapMemoryUsage().getUsed();
            int loadedNow = classes.getLoadedClassCount();
            boolean quiet = heapUsed - heapNow < (1 << 20) && loadedNow >= loaded;
            quietCollections = quiet ? quietCollections + 1 : 0;
            heapUsed = Math.min(heapUsed, heapNow);
            loaded = Math.min(loaded, loadedNow);
            LockSupport.parkNanos(50_000_000); // the finalizer thread's turn
        }
        return new Collected(heapUsed, loaded);
    }

    /**
     * A full collection, then a burst of allocation: the JDK's soft caches keep a closed class loader until memory
     * runs short (with {@code -XX:SoftRefLRUPolicyMSPerMB=0}, at the next collection after that).
     */
    static void collectWithMemoryPressure() {
        System.gc();
        try {
            List<byte[]> pressure = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                pressure.add(new byte[1 << 20]);
            }
        } catch (OutOfMemoryError ignored) {
            // enough pressure
        }
    }

    /** Polls {@code condition} until it holds or {@code seconds} pass; true if it held. */
    static boolean eventually(int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            LockSupport.parkNanos(20_000_000);
        }
        return true;
    }
}
