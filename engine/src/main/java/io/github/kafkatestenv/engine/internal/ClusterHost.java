package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of a kept cluster's host: a JVM of its own, started by {@link ReusableClusters}, that outlives the
 * test JVM which started it. It starts the cluster in its host directory, serves it ({@link ClusterServer}, plus
 * {@code lease} and {@code shutdown}), and lists it in the {@link KeptRegistry}.
 *
 * <p><b>Stopping.</b> It stops by itself once nobody has held the cluster's lease nor called it for the idle time,
 * on a {@code shutdown} request ({@link ReusableClusters#stop}), and on SIGTERM or Ctrl-C. Stopping takes the entry
 * out of the registry first, so that nobody picks the cluster meanwhile, then closes the cluster and deletes the host
 * directory, its log included. SIGKILL leaves the entry and the directories, which the next run recognises as
 * stale (the host's pid is gone) and removes; server processes of the process placement end with the host anyway.
 *
 * <p>Arguments: the host directory (holding {@value #DEFINITION_FILE}), the cluster's id, the idle time (ISO-8601).
 * Output goes to {@value #LOG_FILE} in the host directory.
 */
public final class ClusterHost {

    static final String DEFINITION_FILE = "definition.txt";
    static final String LOG_FILE = "host.log";

    private final Path hostDirectory;
    private final String id;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Duration idle;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile KafkaCluster cluster;
    private volatile ClusterServer server;
    private volatile boolean keepDirectory;

    private ClusterHost(Path hostDirectory, String id, Duration idle) {
        this.hostDirectory = hostDirectory;
        this.id = id;
        this.idle = idle;
    }

    public static void main(String[] args) throws Exception {
        ClusterHost host = new ClusterHost(Paths.get(args[0]), args[1], Duration.parse(args[2]));
        WorkDirectory.writeOwner(host.hostDirectory, ProcessHandle.current()); // stale once this JVM is gone
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "kafka-testenv-host-stop"));
        try {
            host.start();
        } catch (Throwable e) {
            // The run that started this host reads the log, and deletes the directory.
            host.keepDirectory = true;
            System.err.println("The kept cluster did not start: " + e);
            e.printStackTrace();
            host.stop();
            System.exit(1);
        }
        host.serveUntilIdle();
        host.stop();
        System.exit(0);
    }

    private void start() throws IOException {
        String text = Files.readString(hostDirectory.resolve(DEFINITION_FILE), StandardCharsets.UTF_8);
        ClusterDefinition definition = DefinitionText.read(text).toBuilder()
                .workDirectory(hostDirectory).keepDirectory(false).build();
        cluster = definition.start();
        server = ClusterServer.serve(cluster, Map.of(
                "lease", request -> {
                    idle = Duration.parse(request.require("idle"));
                    lastUsedNanos = System.nanoTime();
                    return new WireForm();
                },
                "shutdown", request -> {
                    stopRequested.countDown();
                    return new WireForm();
                }));
        ProcessHandle self = ProcessHandle.current();
        KeptRegistry.write(new KeptRegistry.Entry(id, DefinitionText.key(DefinitionText.read(text)), server.address(),
                self.pid(), self.info().startInstant().map(Instant::toString).orElse(null), cluster.directory(),
                hostDirectory, definition.toString(), KeptRegistry.engine(), Instant.now()));
        System.out.println("Serving " + definition + " for warm re-runs; stops after " + idle + " without a lease");
    }

    /**
     * Checks the lease a few times a second: free and unused for the idle time means stop. At that moment the host
     * holds the lease itself, so that no run takes the cluster while it stops.
     */
    private void serveUntilIdle() throws IOException, InterruptedException {
        try (FileChannel lease = FileChannel.open(KeptRegistry.leaseFile(id), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            while (true) {
                long pauseMs = Math.max(50, Math.min(500, idle.toMillis() / 4));
                if (stopRequested.await(pauseMs, TimeUnit.MILLISECONDS)) {
                    return;
                }
                FileLock free = tryLock(lease);
                if (free == null) {
                    lastUsedNanos = System.nanoTime();
                    continue;
                }
                long unused = Math.min(System.nanoTime() - lastUsedNanos, System.nanoTime() - server.lastRequestNanos());
                if (unused >= idle.toNanos()) {
                    KeptRegistry.remove(id); // while the lease is held here: nobody takes the cluster now
                    System.out.println("No lease for " + idle + ": stopping");
                    return;
                }
                free.release();
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Takes the cluster out of the registry, stops serving, closes it and deletes the host directory. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        KeptRegistry.remove(id);
        ClusterServer serving = server;
        if (serving != null) {
            serving.close();
        }
        KafkaCluster running = cluster;
        try {
            if (running != null) {
                running.close();
            }
        } catch (RuntimeException e) {
            System.err.println("The kept cluster did not close cleanly: " + e);
        } finally {
            if (!keepDirectory) {
                WorkDirectory.deleteQuietly(hostDirectory);
            }
        }
    }
}
