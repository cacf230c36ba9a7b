package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClusterAdmin.AclEntry;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link KafkaCluster#reset()}: brings a running cluster back to what a fresh start of its definition shows, in
 * this order, each step only where there is something to undo: stopped servers started again; every group deleted
 * (members that a killed JVM left are removed first); every topic deleted, then the declared ones created again;
 * SCRAM credentials of undeclared users deleted and the declared users' set again; ACLs that were not declared
 * deleted and declared ones that are missing created. It then waits for what a start waits for: every declared
 * topic ready on every broker, and every broker's authorizer holding exactly the declared ACLs.
 */
final class ClusterReset {

    /** How long a whole reset may take: a group member of a killed JVM may hold its group for 45 s. */
    static final long RESET_TIMEOUT_MS = 120_000;

    private final ClusterHandle cluster;
    private final ResetAdmin admin;
    private final long deadline;
    private final StartPhases phases = new StartPhases();

    private ClusterReset(ClusterHandle cluster, ResetAdmin admin, long deadline) {
        this.cluster = cluster;
        this.admin = admin;
        this.deadline = deadline;
    }

    static void reset(ClusterHandle cluster) {
        synchronized (cluster.lifecycle) {
            cluster.requireOpen();
            long deadline = Readiness.deadlineIn(RESET_TIMEOUT_MS);
            ClusterSecurity security = cluster.security;
            try (ResetAdmin admin = ResetAdmin.open(cluster.runtime.clientsRuntime(), cluster.internalBootstrapServers(),
                    security == null ? Map.of() : security.engineClientConfig(), deadline)) {
                new ClusterReset(cluster, admin, deadline).run();
            }
        }
    }

    /**
     * Groups and users with ACLs are reset on threads of their own while the topics are: none of them waits for
     * another, and the topics take longest.
     */
    private void run() {
        startStoppedServers();
        phases.end("stopped servers");
        Future<Object> groups = cluster.runtime.submit(() -> {
            deleteGroups();
            return null;
        });
        Future<Object> access = cluster.runtime.submit(() -> {
            resetUsers();
            if (cluster.definition.authorizer()) {
                resetAcls();
            }
            return null;
        });
        deleteTopics();
        phases.end("topic deletion");
        createTopics();
        phases.end("topic creation");
        join(groups, "groups");
        join(access, "users and ACLs");
        phases.report(cluster.definition.toString(), "reset");
    }

    private void startStoppedServers() {
        if (cluster.definition.mode() == Mode.ZOOKEEPER && cluster.zooKeeper == null) {
            cluster.startZooKeeper();
        }
        for (Node node : cluster.nodes) {
            if (!node.running()) {
                cluster.startBroker(node.id);
            }
        }
    }

    private void join(Future<Object> part, String name) {
        try {
            part.get(Readiness.remainingMs(deadline), TimeUnit.MILLISECONDS);
            phases.end(name);
        } catch (ExecutionException e) {
            throw IsolatedRuntime.detach(e.getCause());
        } catch (TimeoutException e) {
            part.cancel(true);
            throw new KafkaTestEnvException("The reset of the " + name + " did not end within "
                    + RESET_TIMEOUT_MS / 1000 + " s");
        } catch (InterruptedException e) {
            part.cancel(true);
            Thread.currentThread().interrupt();
            throw new KafkaTestEnvException("Interrupted while resetting the " + name);
        }
    }

    /**
     * Deletes every group. A group with members cannot be deleted: those a killed JVM left stay until their session
     * times out, so they are removed first. Members that joined with the consumer protocol of KIP-848
     * ({@code group.protocol=consumer}) cannot be removed by an admin: their group is deleted once their session
     * times out ({@code group.consumer.session.timeout.ms}, 45 s by default), which the reset waits for.
     */
    private void deleteGroups() {
        List<String> groups = admin.groups(deadline);
        if (groups.isEmpty()) {
            return;
        }
        Set<String> remaining = new HashSet<>(groups);
        Readiness.await("groups " + remaining + " to be deleted (a member of a killed JVM that joined with"
                + " group.protocol=consumer holds its group until its session times out)", deadline, () -> {
            Map<String, String> failed = admin.deleteGroups(remaining, deadline);
            remaining.retainAll(failed.keySet());
            for (Map.Entry<String, String> failure : failed.entrySet()) {
                if (failure.getValue().startsWith("GroupNotEmptyException")) {
                    removeMembersIfPossible(failure.getKey());
                }
            }
            return remaining.isEmpty() ? null : "not yet deleted: " + failed;
        });
    }

    private void removeMembersIfPossible(String group) {
        try {
            admin.removeMembers(group, deadline);
        } catch (RuntimeException e) {
            // Members of the consumer protocol cannot be removed by an admin: the group goes when they time out.
        }
    }

    /** Deletes every topic but Kafka's internal ones, and waits until no broker knows them. */
    private void deleteTopics() {
        Set<String> topics = admin.userTopics(deadline);
        if (topics.isEmpty()) {
            return;
        }
        Map<String, String> failed = admin.deleteTopics(topics, deadline);
        if (!failed.isEmpty()) {
            throw new KafkaTestEnvException("The reset cannot delete topics: " + failed);
        }
        Readiness.await("topics " + topics + " to be deleted", deadline, () -> {
            Set<String> left = new HashSet<>(admin.userTopics(deadline));
            left.retainAll(topics);
            if (!left.isEmpty()) {
                return "the cluster still lists " + left;
            }
            for (Node node : cluster.nodes) {
                RunningServer server = node.server;
                for (String topic : topics) {
                    if (server != null && server.knownPartitions(topic) >= 0) {
                        return "broker " + node.id + " still knows topic '" + topic + "'";
                    }
                }
            }
            return null;
        });
    }

    /**
     * Creates the declared topics in one request. ZooKeeper mode deletes a topic's znode a moment after its
     * deletion was acknowledged; until then a new topic of that name "already exists", so creation is retried.
     */
    private void createTopics() {
        Map<String, Topic> remaining = new LinkedHashMap<>();
        cluster.definition.topics().forEach(topic -> remaining.put(topic.name(), topic));
        if (remaining.isEmpty()) {
            return;
        }
        Readiness.await("declared topics " + remaining.keySet() + " to be created again", deadline, () -> {
            Map<String, String> failed = admin.createTopics(remaining.values(), deadline);
            remaining.keySet().retainAll(failed.keySet());
            return remaining.isEmpty() ? null : "not yet created: " + failed;
        });
        for (Topic topic : cluster.definition.topics()) {
            cluster.readiness.awaitTopic(topic.name(), topic.partitions(), deadline);
        }
    }

    /**
     * Deletes the SCRAM credentials of undeclared users, and sets the declared users' passwords again. A login needs
     * no wait afterwards: a broker that still holds the credentials from before accepts the same password.
     */
    private void resetUsers() {
        if (!KafkaLine.supportsScram(cluster.definition.kafkaVersion(), cluster.definition.mode())) {
            return; // KRaft before 3.5 keeps no SCRAM credentials, so there are none to reset
        }
        Map<String, String> declared = cluster.security == null ? Map.of() : cluster.security.scramPasswords();
        Map<String, List<String>> undeclared = new LinkedHashMap<>(admin.scramUsers(deadline));
        undeclared.keySet().removeAll(declared.keySet());
        if (!undeclared.isEmpty()) {
            admin.deleteScramUsers(undeclared, deadline);
        }
        if (!declared.isEmpty()) {
            cluster.admin.upsertScramUsers(declared, Readiness.remainingMs(deadline));
        }
    }

    /** Deletes every ACL binding that was not declared, creates declared ones that are missing, and waits. */
    private void resetAcls() {
        List<AclEntry> declared = cluster.security.aclEntries();
        List<ResetAdmin.Binding> wanted = new ArrayList<>();
        for (AclEntry entry : declared) {
            wanted.add(binding(entry));
        }
        List<ResetAdmin.Binding> present = admin.acls(deadline);
        List<ResetAdmin.Binding> extra = new ArrayList<>(present);
        extra.removeAll(wanted);
        if (!extra.isEmpty()) {
            admin.deleteAcls(extra, deadline);
        }
        List<AclEntry> missing = new ArrayList<>();
        for (AclEntry entry : declared) {
            if (!present.contains(binding(entry))) {
                missing.add(entry);
            }
        }
        if (!missing.isEmpty()) {
            cluster.admin.createAcls(missing, Readiness.remainingMs(deadline));
        }
        for (Node node : cluster.nodes) {
            Readiness.await("broker " + node.id + " to hold exactly the " + declared.size() + " declared ACLs",
                    deadline, () -> {
                        RunningServer server = node.server;
                        int known = server == null ? declared.size() : server.knownAcls();
                        return known == declared.size() ? null
                                : "its authorizer holds " + known + " of " + declared.size() + " ACLs";
                    });
        }
    }

    private static ResetAdmin.Binding binding(AclEntry entry) {
        return new ResetAdmin.Binding(entry.principal(), "*", entry.operation(), "ALLOW", entry.resourceType(),
                entry.resourceName(), entry.prefixed() ? "PREFIXED" : "LITERAL");
    }
}
