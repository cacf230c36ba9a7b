package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * What "ready" means, as waits with a deadline: the cluster's view (through the admin client) and every running
 * broker's own view (its metadata cache and authorizer), since a client's first request may go to any broker and
 * each broker learns on its own time. Each wait polls with a growing pause and fails with the last reason seen.
 */
final class Readiness {

    private final ClusterHandle cluster;

    Readiness(ClusterHandle cluster) {
        this.cluster = cluster;
    }

    /**
     * Every running broker is registered and reachable on its listeners, knows every running broker, and a controller
     * is active. Returns the cluster id.
     */
    String awaitBrokers(long deadline) {
        String[] clusterId = new String[1];
        await("every broker to be registered and reachable", deadline, () -> {
            ClusterAdmin.ClusterSnapshot snapshot = cluster.admin.describeCluster(5_000);
            Node[] nodes = cluster.nodes;
            long running = Arrays.stream(nodes).filter(Node::running).count();
            for (Node node : nodes) {
                RunningServer server = node.server;
                if (server == null) {
                    continue;
                }
                if (!snapshot.brokerIds().contains(node.id)) {
                    return "the cluster lists brokers " + snapshot.brokerIds() + ", not yet broker " + node.id;
                }
                if (!Ports.accepts(node.port)) {
                    return "broker " + node.id + " does not accept connections on port " + node.port;
                }
                if (node.internalPort != node.port && !Ports.accepts(node.internalPort)) {
                    return "broker " + node.id + " does not accept connections on its internal port "
                            + node.internalPort;
                }
                int known = server.knownBrokers();
                if (known < running) {
                    return "broker " + node.id + " knows " + known + " of " + running + " brokers";
                }
            }
            if (snapshot.controllerId() < 0) {
                return "no controller is active";
            }
            clusterId[0] = snapshot.clusterId();
            return null;
        });
        return clusterId[0];
    }

    /**
     * {@code topic} has its partitions, each with a leader and a full ISR, and every running broker's own metadata
     * holds them.
     */
    void awaitTopic(String topic, int partitions, long deadline) {
        await("topic '" + topic + "' to be ready", deadline, () -> {
            String reason = cluster.admin.topicNotReadyReason(topic, partitions, 5_000);
            if (reason != null) {
                return reason;
            }
            for (Node node : cluster.nodes) {
                RunningServer server = node.server;
                if (server != null && server.knownPartitions(topic) < partitions) {
                    return "broker " + node.id + " does not know all partitions of topic '" + topic + "' yet";
                }
            }
            return null;
        });
    }

    /** Neither the cluster nor any running broker knows {@code topic} any more. */
    void awaitTopicGone(String topic, long deadline) {
        await("topic '" + topic + "' to be gone", deadline, () -> {
            if (cluster.admin.listTopics(5_000).contains(topic)) {
                return "the cluster still lists it";
            }
            for (Node node : cluster.nodes) {
                RunningServer server = node.server;
                if (server != null && server.knownPartitions(topic) >= 0) {
                    return "broker " + node.id + " still knows it";
                }
            }
            return null;
        });
    }

    /** Every running ZooKeeper-mode broker's session is connected again. */
    void awaitZooKeeperSessions(long deadline) {
        await("every running broker to reconnect to ZooKeeper", deadline, () -> {
            for (Node node : cluster.nodes) {
                RunningServer server = node.server;
                if (server != null && !server.connectedToZooKeeper()) {
                    return "broker " + node.id + " is not connected to ZooKeeper yet";
                }
            }
            return null;
        });
    }

    /**
     * Every running broker enforces the declared ACLs and accepts each user's login on its client listener:
     * credentials and ACLs reach each broker on its own time, after the controller accepted them.
     */
    void awaitSecurity(long deadline) {
        ClusterSecurity security = cluster.security;
        if (security == null) {
            return;
        }
        int acls = security.aclEntries().size();
        List<Map<String, String>> probes = security.readinessProbes();
        for (Node node : cluster.nodes) {
            if (node.server == null) {
                continue;
            }
            if (cluster.definition.authorizer()) {
                await("broker " + node.id + " to hold the " + acls + " declared ACLs", deadline, () -> {
                    RunningServer server = node.server;
                    int known = server == null ? acls : server.knownAcls();
                    return known >= acls ? null : "its authorizer holds " + known + " of " + acls + " ACLs";
                });
            }
            for (Map<String, String> probe : probes) {
                String server = Ports.HOST + ":" + node.port;
                await("a client to log in on broker " + node.id + " (" + server + ")", deadline,
                        () -> cluster.runtime.clientFailure(server, probe, Math.min(5_000, remainingMs(deadline))));
            }
        }
    }

    /** Polls {@code notReadyReason} until it returns {@code null}, or fails at {@code deadline} with its last reason. */
    static void await(String what, long deadline, Supplier<String> notReadyReason) {
        long pause = TimeUnit.MILLISECONDS.toNanos(10);
        while (true) {
            String reason;
            try {
                reason = notReadyReason.get();
            } catch (RuntimeException e) {
                reason = e.getMessage();
            }
            if (reason == null) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimedOut(what, reason);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** A wait that reached its deadline: what it waited for, and why that was not ready yet. */
    static final class TimedOut extends KafkaTestEnvException {
        final String what;
        final String reason;

        TimedOut(String what, String reason) {
            super("Timed out waiting for " + what + ": " + reason);
            this.what = what;
            this.reason = reason;
        }
    }

    /** A deadline {@code millis} from now, in {@link System#nanoTime()} terms. */
    static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** What is left until {@code deadline}, at least 1 ms. */
    static long remainingMs(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
