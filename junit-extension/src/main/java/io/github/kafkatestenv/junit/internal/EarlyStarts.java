package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.internal.ReusableClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared clusters started in the background as soon as a test plan is known ({@link EarlyStartListener}), so that
 * they boot while the first classes set up; the extension takes one when a class first needs it.
 *
 * <p><b>Order.</b> A plan's clusters start one after the other, on one daemon thread, in the order of the classes
 * that declare them. A class that needs a cluster whose start has not begun yet starts it itself, as without early
 * starts, and the background thread skips it; a class whose cluster is starting waits for that start.
 *
 * <p><b>Failures.</b> A start that fails fails the class that takes it, with the start's own exception.
 *
 * <p><b>Clean up.</b> What the extension takes, it owns (and closes when the run ends). When the plan ends, what no
 * class took is closed (a start still running is waited for first), and starts not begun never begin.
 */
final class EarlyStarts {

    /** The starts begun and not taken, by definition: at most one per definition in the JVM. */
    private static final Map<ClusterDefinition, Start> PENDING = new ConcurrentHashMap<>();

    /** The definitions of shared clusters the extension holds, which no plan needs to start again. */
    private static final Set<ClusterDefinition> LIVE = ConcurrentHashMap.newKeySet();

    private EarlyStarts() {
    }

    /** One cluster to start early; whoever claims it first runs it, the background thread or the extension. */
    private static final class Start {
        final ClusterDefinition definition;
        final boolean reuse;
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<KafkaCluster> cluster = new CompletableFuture<>();

        Start(ClusterDefinition definition, boolean reuse) {
            this.definition = definition;
            this.reuse = reuse;
        }

        void runUnlessClaimed() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                cluster.complete(reuse ? ReusableClusters.acquire(definition) : definition.start());
            } catch (Throwable e) {
                cluster.completeExceptionally(e);
            }
        }
    }

    /** The starts one plan began, and the thread that runs them. */
    static final class Plan {
        private final List<Start> starts;
        private final Thread thread;

        private Plan(List<Start> starts) {
            this.starts = starts;
            this.thread = new Thread(() -> starts.forEach(Start::runUnlessClaimed), "kafka-testenv-early-start");
            thread.setDaemon(true);
        }
    }

    /**
     * Begins starting a cluster of each definition, in order, in the background, except those another plan of this
     * JVM is starting already.
     *
     * @param reuse whether to acquire kept clusters ({@link ReusableClusters#acquire}) instead of starting new ones
     */
    static Plan begin(List<ClusterDefinition> definitions, boolean reuse) {
        List<Start> starts = new ArrayList<>();
        for (ClusterDefinition definition : definitions) {
            if (LIVE.contains(definition)) {
                continue; // an earlier execution of the launcher session started it
            }
            Start start = new Start(definition, reuse);
            if (PENDING.putIfAbsent(definition, start) == null) {
                starts.add(start);
            }
        }
        Plan plan = new Plan(starts);
        if (!starts.isEmpty()) {
            plan.thread.start();
        }
        return plan;
    }

    /**
     * The start of the cluster begun early for {@code definition}, perhaps still running; empty if there is none, or
     * if it has not begun (it then never begins, and the caller starts the cluster itself). The caller owns the
     * cluster.
     */
    static Optional<CompletableFuture<KafkaCluster>> take(ClusterDefinition definition) {
        Start start = PENDING.remove(definition);
        if (start == null || start.claimed.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.of(start.cluster);
    }

    /**
     * The environment of a shared cluster the extension holds from now on, until it closes: plans of the same
     * launcher session do not start it again.
     */
    static EmbeddedEnvironment live(ClusterDefinition definition, CompletableFuture<KafkaCluster> start) {
        LIVE.add(definition);
        return new EmbeddedEnvironment(start, definition.securityProtocol(), () -> LIVE.remove(definition));
    }

    /** The failure of a start, as the start threw it. */
    static RuntimeException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }

    /** Closes what {@code plan} started and nobody took, once started; the starts not begun never begin. */
    static void end(Plan plan) {
        RuntimeException failure = null;
        for (Start start : plan.starts) {
            if (!PENDING.remove(start.definition, start) || start.claimed.compareAndSet(false, true)) {
                continue;
            }
            try {
                start.cluster.join().close();
            } catch (CompletionException e) {
                // a failed start left nothing; no class needed it
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            plan.thread.join(); // ends at once: its remaining starts are claimed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
