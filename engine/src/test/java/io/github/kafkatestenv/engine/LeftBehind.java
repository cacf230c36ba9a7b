package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ClusterHandle;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a cluster may leave behind once closed, checked as a user's leak check would: the threads and listening
 * ports of this JVM before it started, its directory, its brokers' ports, and its runtime's class loader.
 */
final class LeftBehind {

    private final Set<Thread> threadsBefore = ProcessState.liveThreads();
    private final Set<Integer> portsBefore = ProcessState.listeningPorts();
    private Path directory;
    private List<Integer> brokerPorts;
    private ClassLoader runtimeLoader;

    /** Notes what this JVM holds now, before a cluster starts. */
    static LeftBehind before() {
        return new LeftBehind();
    }

    /** Notes what {@code cluster}, started since, holds; returns it. */
    KafkaCluster track(KafkaCluster cluster) {
        directory = cluster.directory();
        brokerPorts = cluster.brokers().stream().map(Broker::port).collect(Collectors.toList());
        runtimeLoader = ((ClusterHandle) cluster).runtimeClassLoader();
        return cluster;
    }

    /** Asserts that the tracked cluster, now closed, left nothing; with {@code loaderCollected}, not its loader. */
    void assertNothingLeft(boolean loaderCollected) {
        assertFalse(Files.exists(directory), "cluster directory deleted");
        for (int port : brokerPorts) {
            assertFalse(ProcessState.listeningPorts().contains(port), "broker port " + port + " closed");
        }
        assertTrue(ProcessState.eventually(10, () -> ProcessState.newThreads(threadsBefore).isEmpty()),
                () -> "threads left: " + ProcessState.newThreads(threadsBefore));
        assertTrue(ProcessState.eventually(5,
                        () -> Thread.getAllStackTraces().keySet().stream()
                                .noneMatch(t -> t.getContextClassLoader() == runtimeLoader)),
                "no thread holds the runtime's class loader");
        WeakReference<ClassLoader> loader = new WeakReference<>(runtimeLoader);
        runtimeLoader = null;
        Set<Integer> portsLeft = ProcessState.listeningPorts();
        portsLeft.removeAll(portsBefore);
        assertEquals(Set.of(), portsLeft, "listening ports left");
        if (loaderCollected) {
            assertTrue(ProcessState.eventually(20, () -> {
                ProcessState.collectWithMemoryPressure();
                return loader.get() == null;
            }), "the runtime's class loader was collected");
        }
    }
}
