package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Warm re-runs: clusters kept running after the test JVM that used them ends, for the next run with an equal
 * definition. The front ends call {@link #acquire} when {@value #REUSE_PROPERTY} is {@code true}.
 *
 * <p><b>Acquiring.</b> {@link #acquire} hands out a kept cluster of an equal definition ({@link DefinitionText#key})
 * that nobody leases, {@link KafkaCluster#reset() reset} to what a fresh start shows; if there is none, it starts a
 * new one in a host JVM of its own ({@link ClusterHost}). The handle holds the cluster's lease (a file lock the
 * operating system releases when this JVM ends, however it ends): two runs at a time never share a cluster.
 * {@link KafkaCluster#close()} on the handle releases the lease and leaves the cluster running.
 *
 * <p><b>Stopping.</b> A kept cluster stops by itself after the idle time with no lease: {@value #IDLE_PROPERTY}, an
 * ISO-8601 duration, default 10 minutes ({@code PT10M}). {@link #list} and {@link #stop} are for the plugin's goal.
 * Entries whose host died (SIGKILL) are removed by the next call, with their directories.
 */
public final class ReusableClusters {

    /**
     * The switch the front ends read (system property, or JUnit configuration parameter of the same name):
     * {@code true} keeps clusters for warm re-runs. Default {@code false}.
     */
    public static final String REUSE_PROPERTY = "kafka.testenv.reuse";

    /** The system property that sets how long a kept cluster waits for its next run. */
    public static final String IDLE_PROPERTY = "kafka.testenv.reuse.idle";

    /** How long a kept cluster waits for its next run by default. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

    /** Handles of kept clusters that an earlier run left, for {@link #reused}. */
    private static final java.util.Set<KafkaCluster> REUSED =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private ReusableClusters() {
    }

    /**
     * A kept cluster, as {@link #list} shows it.
     *
     * @param id          its name in the registry, which {@link #stop} takes
     * @param description what it runs, as {@link ClusterDefinition#toString()} says (no secrets)
     * @param pid         the process id of its host JVM
     * @param directory   the cluster's directory
     * @param started     when it was started
     * @param leased      whether a run holds it now
     */
    public record KeptCluster(String id, String description, long pid, Path directory, Instant started,
                              boolean leased) {
    }

    /** {@link #acquire(ClusterDefinition, Duration)} with the idle time of {@value #IDLE_PROPERTY}. */
    public static KafkaCluster acquire(ClusterDefinition definition) {
        return acquire(definition, idleTime());
    }

    /**
     * A cluster of {@code definition} that outlives this JVM, reset to what a fresh start shows, leased to this JVM
     * until the handle is closed or the JVM ends.
     *
     * @param idleTime how long the cluster waits for a next run after its last lease ends
     * @throws KafkaTestEnvException if no cluster could be started; the message holds the end of the host's log
     */
    public static KafkaCluster acquire(ClusterDefinition definition, Duration idleTime) {
        if (idleTime == null || idleTime.isNegative() || idleTime.isZero()) {
            throw new IllegalArgumentException("The idle time of a kept cluster must be positive, not " + idleTime);
        }
        String key = DefinitionText.key(definition);
        // While the kept cluster is found and reset, the caller's kafka-clients warms up for its first records.
        ClassPreloader.warmCallersClients(KafkaLine.of(definition.kafkaVersion()) + "-" + definition.kafkaVersion()
                + "-" + definition.mode(), ProcessRuntime.CLIENT_CLASS_LIST);
        removeStale();
        for (KeptRegistry.Entry entry : KeptRegistry.entries()) {
            if (entry.key().equals(key) && entry.engine().equals(KeptRegistry.engine())) {
                KafkaCluster kept = take(entry, idleTime); // threads of this JVM never take one lease twice
                if (kept != null) {
                    return kept;
                }
            }
        }
        return HostLauncher.start(definition, idleTime);
    }

    /** The kept cluster of {@code entry}, reset, if its lease is free and it answers; else {@code null}. */
    private static KafkaCluster take(KeptRegistry.Entry entry, Duration idleTime) {
        KeptLease lease;
        try {
            lease = KeptLease.tryTake(entry.id());
        } catch (IOException e) {
            return null;
        }
        if (lease == null) {
            return null;
        }
        RemoteCluster cluster;
        try {
            cluster = RemoteCluster.attach(entry.address(), lease);
        } catch (RuntimeException e) {
            discard(entry); // it does not answer: whatever it is, it is no use
            return null;
        }
        try {
            cluster.call("lease", WireForm.of("idle", idleTime.toString()), Duration.ofSeconds(30));
            cluster.reset();
            REUSED.add(cluster);
            return cluster;
        } catch (RuntimeException e) {
            System.err.println("kafka-testenv: the kept cluster " + entry.id() + " could not be reset for this run ("
                    + e.getMessage() + "); it is stopped, and a fresh cluster takes its place");
            cluster.close();
            stop(entry.id());
            return null;
        }
    }

    /**
     * Whether {@code cluster}, from {@link #acquire}, is one an earlier run left running (reset for this one), rather
     * than one this call started.
     */
    public static boolean reused(KafkaCluster cluster) {
        return REUSED.contains(cluster);
    }

    /** Every kept cluster whose host runs. */
    public static List<KeptCluster> list() {
        removeStale();
        List<KeptCluster> clusters = new ArrayList<>();
        for (KeptRegistry.Entry entry : KeptRegistry.entries()) {
            clusters.add(new KeptCluster(entry.id(), entry.description(), entry.pid(), entry.directory(),
                    entry.started(), leased(entry.id())));
        }
        return clusters;
    }

    private static boolean leased(String id) {
        if (KeptLease.heldHere(id)) {
            return true;
        }
        try (KeptLease lease = KeptLease.tryTake(id)) {
            return lease == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the kept cluster {@code id} (leased or not) and waits until its host has ended and its directory is
     * gone.
     *
     * @return whether there was such a cluster
     */
    public static boolean stop(String id) {
        Optional<KeptRegistry.Entry> found = KeptRegistry.read(id);
        if (found.isEmpty()) {
            return false;
        }
        KeptRegistry.Entry entry = found.get();
        try {
            RemoteCluster.call(java.net.URI.create(entry.address() + "/"), "(kept cluster " + id + ")", "shutdown",
                    new WireForm(), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // not answering: ended below
        }
        Optional<ProcessHandle> host = ProcessHandle.of(entry.pid());
        if (host.isPresent() && entry.hostAlive() && isHost(host.get()) && !ended(host.get(), 120)) {
            host.get().destroy();
            if (!ended(host.get(), 30)) {
                host.get().destroyForcibly();
                ended(host.get(), 30);
            }
        }
        removeFiles(entry);
        return true;
    }

    /**
     * Stops the kept cluster {@code id} unless a run holds it: its lease is taken first and held while it stops, so
     * that no run can take it meanwhile.
     *
     * @return whether it was stopped; empty if a run holds it (or no such cluster was there to take)
     */
    public static Optional<Boolean> stopIfFree(String id) {
        if (KeptRegistry.read(id).isEmpty()) {
            return Optional.of(false);
        }
        try (KeptLease lease = KeptLease.tryTake(id)) {
            return lease == null ? Optional.empty() : Optional.of(stop(id));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stops every kept cluster; returns those it stopped. */
    public static List<KeptCluster> stopAll() {
        List<KeptCluster> stopped = new ArrayList<>();
        for (KeptCluster cluster : list()) {
            if (stop(cluster.id())) {
                stopped.add(cluster);
            }
        }
        return stopped;
    }

    /** Removes the entries of hosts that are gone, and directories that hosts killed with SIGKILL left. */
    static void removeStale() {
        for (KeptRegistry.Entry entry : KeptRegistry.entries()) {
            if (!entry.hostAlive()) {
                removeFiles(entry);
            }
        }
        WorkDirectory.removeStale(WorkDirectory.defaultParent());
        WorkDirectory.removeStale(KeptRegistry.directory()); // hosts that died before they registered
    }

    /** Ends a host that does not answer (if it is one of ours) and removes what it left. */
    private static void discard(KeptRegistry.Entry entry) {
        Optional<ProcessHandle> host = ProcessHandle.of(entry.pid());
        if (host.isPresent() && entry.hostAlive() && isHost(host.get())) {
            host.get().destroyForcibly();
            ended(host.get(), 30);
        }
        removeFiles(entry);
    }

    private static boolean isHost(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(ClusterHost.class.getName())).orElse(true);
    }

    private static void removeFiles(KeptRegistry.Entry entry) {
        KeptRegistry.remove(entry.id());
        WorkDirectory.deleteQuietly(entry.hostDirectory());
    }

    private static boolean ended(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    /** The idle time {@value #IDLE_PROPERTY} sets, or {@link #DEFAULT_IDLE}. */
    static Duration idleTime() {
        String text = System.getProperty(IDLE_PROPERTY);
        if (text == null || text.isBlank()) {
            return DEFAULT_IDLE;
        }
        try {
            Duration idle = Duration.parse(text.trim());
            if (!idle.isNegative() && !idle.isZero()) {
                return idle;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid " + IDLE_PROPERTY + " '" + text + "': use a positive ISO-8601"
                + " duration, for example PT10M (10 minutes) or PT30S");
    }
}
