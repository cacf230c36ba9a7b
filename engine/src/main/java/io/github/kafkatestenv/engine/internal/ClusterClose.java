package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a cluster closes, whatever state it is in: every server that runs is stopped (brokers before the controllers
 * they report to, then ZooKeeper), the runtime is released, and the cluster's directory is deleted unless kept.
 * Every step runs even when an earlier one failed; the failures are reported together at the end.
 */
final class ClusterClose {

    private static final long STOP_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);

    private ClusterClose() {
    }

    static void close(ClusterHandle cluster) {
        awaitStartEnd(cluster);
        try {
            Runtime.getRuntime().removeShutdownHook(cluster.shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down (this may be the hook), or the hook was never added
        }
        List<Throwable> failures = new ArrayList<>();
        synchronized (cluster.lifecycle) {
            stopEverything(cluster, failures);
        }
        if (!cluster.definition.keepDirectory() && !WorkDirectory.deleteQuietly(cluster.directory)) {
            failures.add(new KafkaTestEnvException("Cannot delete " + cluster.directory));
        }
        if (!failures.isEmpty()) {
            KafkaTestEnvException failure = new KafkaTestEnvException("The cluster did not close cleanly: "
                    + failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * Only the shutdown hook closes a cluster whose start still runs (Ctrl-C during the start). The start gets
     * {@value ClusterHandle#START_ABANDON_GRACE_MS} ms to end first: interrupted, Kafka's start breaks off its own
     * cleanup halfway, keeps the JVM from exiting for seconds and prints its errors on the console.
     */
    private static void awaitStartEnd(ClusterHandle cluster) {
        try {
            cluster.startDone.await(ClusterHandle.START_ABANDON_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopEverything(ClusterHandle cluster, List<Throwable> failures) {
        if (cluster.admin != null) {
            run(failures, cluster.admin::close);
        }
        List<RunningServer> running = new ArrayList<>();
        for (Node node : cluster.nodes) {
            if (node != null && node.server != null) {
                running.add(node.server);
                node.server = null;
            }
        }
        KafkaRuntime runtime = cluster.runtime;
        if (runtime != null) {
            runtime.clusterClosing();
            if (cluster.definition.mode() == Mode.KRAFT && running.size() > 1) {
                // Brokers first, while every controller still answers their controlled shutdown; a node stopped
                // whole would leave the last ones without a quorum, waiting for it until a timeout.
                inParallel(runtime, failures, running, RunningServer::stopBrokerRole, "to stop its broker role");
            }
            inParallel(runtime, failures, running, RunningServer::stop, "to stop");
        }
        if (cluster.zooKeeper != null) {
            run(failures, cluster.zooKeeper::stop);
            cluster.zooKeeper = null;
        }
        if (runtime != null) {
            run(failures, runtime::close);
        }
    }

    private static void inParallel(KafkaRuntime runtime, List<Throwable> failures, List<RunningServer> servers,
                                   ServerAction action, String what) {
        List<Future<?>> tasks = new ArrayList<>();
        for (RunningServer server : servers) {
            tasks.add(runtime.submit(() -> {
                action.apply(server);
                return null;
            }));
        }
        long deadline = Readiness.deadlineIn(STOP_TIMEOUT_MS);
        for (int i = 0; i < tasks.size(); i++) {
            try {
                tasks.get(i).get(Readiness.remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failures.add(IsolatedRuntime.detach(e.getCause()));
            } catch (TimeoutException e) {
                tasks.get(i).cancel(true);
                failures.add(new KafkaTestEnvException("Timed out after " + STOP_TIMEOUT_MS / 60_000
                        + " min waiting for the broker on port " + servers.get(i).port() + " " + what));
            } catch (InterruptedException e) {
                failures.add(e);
            }
        }
    }

    private interface ServerAction {
        void apply(RunningServer server) throws Exception;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void run(List<Throwable> failures, ThrowingRunnable action) {
        try {
            action.run();
        } catch (Throwable e) {
            failures.add(e);
        }
    }
}
