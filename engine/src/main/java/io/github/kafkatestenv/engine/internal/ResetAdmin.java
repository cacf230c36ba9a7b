package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.BridgeException;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Topic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admin calls a {@link ClusterReset reset} needs and the bridges do not offer (groups, SCRAM users and ACLs to
 * list and delete), made with the kafka-clients of the cluster's own isolated runtime, through its public
 * {@code Admin} interface, reflectively: the engine compiles against no Kafka class. Every call runs on a thread
 * of that runtime, waits at most until the given deadline, and fails with an exception that holds no Kafka object:
 * a {@link BridgeException} naming Kafka's exception, or a {@link KafkaTestEnvException} for a timeout.
 *
 * <p>The calls used exist with the same signatures in kafka-clients 3.0 to 4.x, except {@code listGroups} (4.0 and
 * newer), which lists every group type; older clients list groups with {@code listConsumerGroups}.
 */
@SuppressWarnings("unchecked")
final class ResetAdmin implements AutoCloseable {

    private static final String ADMIN = "org.apache.kafka.clients.admin.";

    private final IsolatedRuntime runtime;
    private final Object admin;

    private ResetAdmin(IsolatedRuntime runtime, Object admin) {
        this.runtime = runtime;
        this.admin = admin;
    }

    /** An admin client of {@code runtime}'s kafka-clients for {@code bootstrapServers}, with {@code config} added. */
    static ResetAdmin open(IsolatedRuntime runtime, String bootstrapServers, Map<String, String> config, long deadline) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", "kafka-testenv-reset");
        properties.put("request.timeout.ms", "10000");
        properties.put("default.api.timeout.ms", "60000");
        properties.put("retry.backoff.ms", "20");
        properties.put("reconnect.backoff.ms", "20");
        properties.putAll(config);
        Object admin = call(runtime, deadline, "create an admin client", () -> runtime.classLoader()
                .loadClass(ADMIN + "Admin").getMethod("create", Properties.class).invoke(null, properties));
        return new ResetAdmin(runtime, admin);
    }

    /** The names of every topic but Kafka's internal ones ({@code __consumer_offsets} and the like). */
    Set<String> userTopics(long deadline) {
        return call(runtime, deadline, "list topics", () -> {
            Object options = newInstance(ADMIN + "ListTopicsOptions");
            invoke(options, "listInternal", false);
            Object names = invoke(invoke(admin, "listTopics", options), "names");
            return new TreeSet<>((Collection<String>) get(names, deadline));
        });
    }

    /** Deletes topics; returns what failed, name to Kafka's exception class name. A topic already gone is no failure. */
    Map<String, String> deleteTopics(Collection<String> names, long deadline) {
        return call(runtime, deadline, "delete topics " + names, () -> failures(
                (Map<String, Object>) invoke(invoke(admin, "deleteTopics", List.copyOf(names)), "topicNameValues"),
                deadline, "UnknownTopicOrPartitionException"));
    }

    /** Creates topics in one request; returns what failed, name to Kafka's exception class name. */
    Map<String, String> createTopics(Collection<Topic> topics, long deadline) {
        return call(runtime, deadline, "create topics", () -> {
            Class<?> newTopic = runtime.classLoader().loadClass(ADMIN + "NewTopic");
            List<Object> requests = new ArrayList<>();
            for (Topic topic : topics) {
                Object request = newTopic.getConstructor(String.class, int.class, short.class)
                        .newInstance(topic.name(), topic.partitions(), (short) topic.replicationFactor());
                requests.add(invoke(request, "configs", topic.configs()));
            }
            return failures((Map<String, Object>) invoke(invoke(admin, "createTopics", requests), "values"), deadline);
        });
    }

    /** The ids of every group the coordinators know, of every type. */
    List<String> groups(long deadline) {
        return call(runtime, deadline, "list groups", () -> {
            Object listing;
            try {
                listing = invoke(admin, "listGroups");
            } catch (NoSuchMethodException e) {
                listing = invoke(admin, "listConsumerGroups"); // kafka-clients 3.x
            }
            List<String> ids = new ArrayList<>();
            for (Object group : (Collection<?>) get(invoke(listing, "all"), deadline)) {
                ids.add((String) invoke(group, "groupId"));
            }
            return ids;
        });
    }

    /** Deletes groups; returns what failed, id to Kafka's exception class name. A group already gone is no failure. */
    Map<String, String> deleteGroups(Collection<String> ids, long deadline) {
        return call(runtime, deadline, "delete groups " + ids, () -> failures(
                (Map<String, Object>) invoke(invoke(admin, "deleteConsumerGroups", List.copyOf(ids)), "deletedGroups"),
                deadline, "GroupIdNotFoundException"));
    }

    /**
     * Removes every member of a group that joined with the classic protocol (what a killed JVM's consumer leaves
     * until its session times out), as {@code kafka-consumer-groups --delete --force} would need first.
     */
    void removeMembers(String group, long deadline) {
        call(runtime, deadline, "remove the members of group '" + group + "'", () -> {
            Object options = newInstance(ADMIN + "RemoveMembersFromConsumerGroupOptions");
            return get(invoke(invoke(admin, "removeMembersFromConsumerGroup", group, options), "all"), deadline);
        });
    }

    /** Each user with SCRAM credentials, to the names of its mechanisms (such as {@code SCRAM_SHA_256}). */
    Map<String, List<String>> scramUsers(long deadline) {
        return call(runtime, deadline, "list SCRAM users", () -> {
            Map<String, List<String>> users = new LinkedHashMap<>();
            Map<String, Object> described = (Map<String, Object>) get(
                    invoke(invoke(admin, "describeUserScramCredentials"), "all"), deadline);
            for (Map.Entry<String, Object> user : described.entrySet()) {
                List<String> mechanisms = new ArrayList<>();
                for (Object info : (List<?>) invoke(user.getValue(), "credentialInfos")) {
                    mechanisms.add(invoke(info, "mechanism").toString());
                }
                users.put(user.getKey(), mechanisms);
            }
            return users;
        });
    }

    /** Deletes the SCRAM credentials of each user for each of its mechanisms. */
    void deleteScramUsers(Map<String, List<String>> users, long deadline) {
        call(runtime, deadline, "delete the SCRAM users " + users.keySet(), () -> {
            Class<?> mechanism = runtime.classLoader().loadClass(ADMIN + "ScramMechanism");
            Class<?> deletion = runtime.classLoader().loadClass(ADMIN + "UserScramCredentialDeletion");
            List<Object> deletions = new ArrayList<>();
            users.forEach((user, mechanisms) -> mechanisms.forEach(name -> {
                try {
                    deletions.add(deletion.getConstructor(String.class, mechanism)
                            .newInstance(user, mechanism.getMethod("valueOf", String.class).invoke(null, name)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }));
            return get(invoke(invoke(admin, "alterUserScramCredentials", deletions), "all"), deadline);
        });
    }

    /** One ACL binding as text: principal, host, operation, permission, resource type, name, pattern type. */
    record Binding(String principal, String host, String operation, String permission, String resourceType,
                   String resourceName, String patternType) {
    }

    /** Every ACL binding the cluster holds. */
    List<Binding> acls(long deadline) {
        return call(runtime, deadline, "list ACLs", () -> {
            Object any = runtime.classLoader().loadClass("org.apache.kafka.common.acl.AclBindingFilter")
                    .getField("ANY").get(null);
            List<Binding> bindings = new ArrayList<>();
            for (Object binding : (Collection<?>) get(invoke(invoke(admin, "describeAcls", any), "values"), deadline)) {
                Object pattern = invoke(binding, "pattern");
                Object entry = invoke(binding, "entry");
                bindings.add(new Binding((String) invoke(entry, "principal"), (String) invoke(entry, "host"),
                        invoke(entry, "operation").toString(), invoke(entry, "permissionType").toString(),
                        invoke(pattern, "resourceType").toString(), (String) invoke(pattern, "name"),
                        invoke(pattern, "patternType").toString()));
            }
            return bindings;
        });
    }

    /** Deletes exactly these bindings. */
    void deleteAcls(List<Binding> bindings, long deadline) {
        call(runtime, deadline, "delete ACLs " + bindings, () -> {
            ClassLoader loader = runtime.classLoader();
            Class<?> resourceType = loader.loadClass("org.apache.kafka.common.resource.ResourceType");
            Class<?> patternType = loader.loadClass("org.apache.kafka.common.resource.PatternType");
            Class<?> operation = loader.loadClass("org.apache.kafka.common.acl.AclOperation");
            Class<?> permission = loader.loadClass("org.apache.kafka.common.acl.AclPermissionType");
            Class<?> patternFilter = loader.loadClass("org.apache.kafka.common.resource.ResourcePatternFilter");
            Class<?> entryFilter = loader.loadClass("org.apache.kafka.common.acl.AccessControlEntryFilter");
            Class<?> filter = loader.loadClass("org.apache.kafka.common.acl.AclBindingFilter");
            List<Object> filters = new ArrayList<>();
            for (Binding binding : bindings) {
                Object pattern = patternFilter.getConstructor(resourceType, String.class, patternType).newInstance(
                        constant(resourceType, binding.resourceType()), binding.resourceName(),
                        constant(patternType, binding.patternType()));
                Object entry = entryFilter.getConstructor(String.class, String.class, operation, permission)
                        .newInstance(binding.principal(), binding.host(), constant(operation, binding.operation()),
                                constant(permission, binding.permission()));
                filters.add(filter.getConstructor(patternFilter, entryFilter).newInstance(pattern, entry));
            }
            return get(invoke(invoke(admin, "deleteAcls", filters), "all"), deadline);
        });
    }

    @Override
    public void close() {
        try {
            call(runtime, Readiness.deadlineIn(10_000), "close the admin client", () -> invoke(admin, "close"));
        } catch (RuntimeException ignored) {
            // its threads end with the runtime at the latest
        }
    }

    /** The simple class name of the root cause of a failed call, such as {@code GroupNotEmptyException}. */
    static String kafkaException(RuntimeException failure) {
        return failure instanceof BridgeException bridged
                ? bridged.kafkaExceptionClass().substring(bridged.kafkaExceptionClass().lastIndexOf('.') + 1) : "";
    }

    private static Object constant(Class<?> type, String name) throws ReflectiveOperationException {
        return type.getMethod("valueOf", String.class).invoke(null, name);
    }

    /** Waits for every future of {@code results}; returns the key to exception name of those that failed. */
    private static Map<String, String> failures(Map<String, Object> results, long deadline, String... harmless)
            throws Exception {
        Map<String, String> failed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> result : results.entrySet()) {
            try {
                get(result.getValue(), deadline);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String name = cause.getClass().getSimpleName();
                if (!List.of(harmless).contains(name)) {
                    failed.put(result.getKey(), name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                }
            }
        }
        return failed;
    }

    private static Object get(Object kafkaFuture, long deadline) throws Exception {
        try {
            return invoke(kafkaFuture, "get", Readiness.remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Object newInstance(String className) throws ReflectiveOperationException {
        return runtime.classLoader().loadClass(className).getConstructor().newInstance();
    }

    /** Calls the public method {@code name} of {@code target} whose parameters take {@code args}. */
    private static Object invoke(Object target, String name, Object... args) throws ReflectiveOperationException {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && accepts(method.getParameterTypes(), args)) {
                method.setAccessible(true); // a public method of a class that is not (a Collections view, say)
                return method.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name + " for " + args.length + " arguments");
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        if (types.length != args.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i].isPrimitive() ? boxed(types[i]) : types[i];
            if (args[i] != null && !type.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return primitive == boolean.class ? Boolean.class : primitive == long.class ? Long.class
                : primitive == int.class ? Integer.class : primitive == short.class ? Short.class : Object.class;
    }

    /** Runs {@code task} on a thread of the runtime, until {@code deadline}; failures come back without Kafka types. */
    private static <T> T call(IsolatedRuntime runtime, long deadline, String what, Callable<T> task) {
        Future<T> future = runtime.submit(() -> {
            try {
                return task.call();
            } catch (InvocationTargetException e) {
                throw BridgeException.from(what, e.getCause());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw BridgeException.from(what, e);
            }
        });
        try {
            return future.get(Readiness.remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            RuntimeException failure = IsolatedRuntime.detach(e.getCause());
            throw failure instanceof KafkaTestEnvException || failure instanceof BridgeException ? failure
                    : new KafkaTestEnvException("Cannot " + what + ": " + failure.getMessage(), failure);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new KafkaTestEnvException("Timed out waiting to " + what);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new KafkaTestEnvException("Interrupted while waiting to " + what);
        }
    }
}
