package io.github.kafkatestenv.benchmarks.contract;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the scenario leaves behind in this process, measured as SCENARIOS.md defines it (and as the anchor does):
 * a snapshot at the start of {@code main}, compared after the last stop. New live threads (non-daemon and daemon),
 * TCP sockets in LISTEN state that this process holds, and new entries in {@code java.io.tmpdir}.
 */
public final class Leftovers {

    /** TCP state LISTEN in /proc/net/tcp{,6}. */
    private static final String TCP_LISTEN = "0A";

    private final Set<Long> threads;
    private final Set<String> listeningSockets;
    private final Set<String> tmpEntries;

    private Leftovers(Set<Long> threads, Set<String> listeningSockets, Set<String> tmpEntries) {
        this.threads = threads;
        this.listeningSockets = listeningSockets;
        this.tmpEntries = tmpEntries;
    }

    public static Leftovers snapshot() {
        Set<Long> ids = new HashSet<>();
        for (Thread thread : liveThreads()) {
            ids.add(thread.getId());
        }
        return new Leftovers(ids, listeningSockets(), tmpEntries());
    }

    /** Reports the four leftover metrics; the names of what is left go to stderr. */
    public void report(Report report) {
        List<String> nonDaemon = new ArrayList<>();
        List<String> daemon = new ArrayList<>();
        for (Thread thread : liveThreads()) {
            if (!threads.contains(thread.getId())) {
                (thread.isDaemon() ? daemon : nonDaemon).add(thread.getName());
            }
        }
        Set<String> sockets = new TreeSet<>(listeningSockets());
        sockets.removeAll(listeningSockets);
        Set<String> tmp = new TreeSet<>(tmpEntries());
        tmp.removeAll(tmpEntries);
        nonDaemon.sort(null);
        daemon.sort(null);
        System.err.println("[bench] leftover non-daemon threads (" + nonDaemon.size() + "): " + nonDaemon);
        System.err.println("[bench] leftover daemon threads (" + daemon.size() + "): " + daemon);
        System.err.println("[bench] leftover listening sockets (inodes) (" + sockets.size() + "): " + sockets);
        System.err.println("[bench] leftover entries in " + tmpDir() + " (" + tmp.size() + "): " + tmp);
        report.metric("leftover_threads", nonDaemon.size());
        report.metric("leftover_daemon_threads", daemon.size());
        report.metric("leftover_ports", sockets.size());
        report.metric("leftover_tmp_entries", tmp.size());
    }

    private static List<Thread> liveThreads() {
        List<Thread> live = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                live.add(thread);
            }
        }
        return live;
    }

    /** Socket inodes in LISTEN state (IPv4 and IPv6 tables) that one of this process's file descriptors refers to. */
    static Set<String> listeningSockets() {
        Map<String, Boolean> listening = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Paths.get(table));
            } catch (IOException e) {
                continue; // no such table (no IPv6): nothing listens there
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && TCP_LISTEN.equals(fields[3])) {
                    listening.put(fields[9], Boolean.TRUE);
                }
            }
        }
        Set<String> held = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed in the meantime
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    String inode = target.substring("socket:[".length(), target.length() - 1);
                    if (listening.containsKey(inode)) {
                        held.add(inode);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc/self/fd: leftover ports need Linux' /proc", e);
        }
        return held;
    }

    private static Path tmpDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    static Set<String> tmpEntries() {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpDir())) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list java.io.tmpdir " + tmpDir(), e);
        }
        return names;
    }
}
