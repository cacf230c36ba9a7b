package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.Setting;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.engine.User;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link EmbeddedKafka} that applies to a test class, the class that carries it, and the engine definition it
 * makes.
 *
 * @param annotation     the annotation found (directly, as a meta-annotation, inherited, or on an enclosing class)
 * @param declaringClass the test class it was found on
 * @param definition     the cluster it declares; equal for equal declarations, whatever the order of topics
 * @param compatibility  whose defaults fill what the annotation leaves out
 */
record Declaration(EmbeddedKafka annotation, Class<?> declaringClass, ClusterDefinition definition,
                   Compatibility compatibility) {

    /** Whether the class gets a cluster of its own: it asked for one, or spring-kafka-test compatibility is on. */
    boolean freshCluster() {
        return annotation.freshCluster() || compatibility.clusterPerClass();
    }

    /** The topics as declared (for an existing cluster, which ignores the cluster-level attributes). */
    List<Topic> topics() {
        return definition.topics();
    }

    /**
     * The user a client asks for with {@code @KafkaClient(user = ...)}, if it asks for one that the declaration has.
     *
     * @param user   the name asked for; empty for the default (the first declared user)
     * @param target the parameter or field, for the message
     * @throws ParameterResolutionException naming the declared users, if {@code user} is not one of them
     */
    Optional<String> clientUser(String user, String target) {
        if (user.isEmpty()) {
            return Optional.empty();
        }
        List<String> declared = definition.users().stream().map(User::name).collect(Collectors.toList());
        if (declared.contains(user)) {
            return Optional.of(user);
        }
        String where = "@KafkaClient(user = \"" + user + "\") on " + target + ": ";
        if (declared.isEmpty()) {
            throw new ParameterResolutionException(where + "@EmbeddedKafka on " + declaringClass.getName()
                    + " declares no users (security protocol " + definition.securityProtocol() + "). Declare it"
                    + " with users = \"" + user + ":<password>\" and securityProtocol = SecurityProtocol.SASL_PLAINTEXT"
                    + " (or SASL_SSL, or SSL with mutualTls = true)");
        }
        throw new ParameterResolutionException(where + "@EmbeddedKafka on " + declaringClass.getName()
                + " declares no user '" + user + "', only " + declared + ". Add \"" + user + ":<password>\" to"
                + " users, or log in as one of them");
    }

    /**
     * Whether the {@link EmbeddedKafka} that applies to {@code testClass} names {@code user} among its users, read
     * from the annotation alone (without building, or failing on, the definition).
     */
    static boolean declaresUser(Class<?> testClass, String user) {
        return annotated(testClass).map(found -> Arrays.stream(found.getKey().users())
                .map(spec -> spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec)
                .anyMatch(name -> name.trim().equals(user))).orElse(false);
    }

    /** Whether an {@link EmbeddedKafka} applies to {@code testClass}, read without building its definition. */
    static boolean declared(Class<?> testClass) {
        return annotated(testClass).isPresent();
    }

    /**
     * The declaration for {@code testClass}: its own (or inherited, or meta-) annotation, else its enclosing
     * class's for {@code @Nested} classes.
     *
     * @throws ExtensionConfigurationException if the annotation cannot make a definition, naming class and attribute
     */
    static Optional<Declaration> find(Class<?> testClass, Compatibility compatibility) {
        return annotated(testClass).map(found -> new Declaration(found.getKey(), found.getValue(),
                toDefinition(found.getKey(), found.getValue(), compatibility), compatibility));
    }

    /** The annotation that applies to {@code testClass}, and the class it is on. */
    private static Optional<Map.Entry<EmbeddedKafka, Class<?>>> annotated(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<EmbeddedKafka> annotation = AnnotationSupport.findAnnotation(type, EmbeddedKafka.class);
            if (annotation.isPresent()) {
                return Optional.of(Map.entry(annotation.get(), type));
            }
        }
        return Optional.empty();
    }

    /**
     * Builds the definition once. A value the engine rejects is reported at the attributes it names: a setting of
     * the engine has the same name as the attribute.
     */
    static ClusterDefinition toDefinition(EmbeddedKafka annotation, Class<?> type, Compatibility compatibility) {
        if (annotation.mode().length > 1) {
            throw invalid(type, "attribute mode", "give at most one mode, for example mode = Mode.KRAFT", null);
        }
        if (annotation.placement().length > 1) {
            throw invalid(type, "attribute placement", "give at most one placement, for example placement ="
                    + " Placement.PROCESSES", null);
        }
        if (annotation.saslMechanism().length > 1) {
            throw invalid(type, "attribute saslMechanism", "give at most one mechanism, for example saslMechanism ="
                    + " SaslMechanism.SCRAM_SHA_512", null);
        }
        ClusterDefinition.Builder builder = ClusterDefinition.builder()
                .mode(annotation.mode().length == 1 ? annotation.mode()[0] : null)
                .kafkaVersion(annotation.kafkaVersion())
                .brokers(annotation.brokers())
                .securityProtocol(annotation.securityProtocol())
                .saslMechanism(annotation.saslMechanism().length == 1 ? annotation.saslMechanism()[0] : null)
                .mutualTls(annotation.mutualTls())
                .authorizer(annotation.authorizer())
                .placement(annotation.placement().length == 1 ? annotation.placement()[0] : null)
                .javaHome(annotation.javaHome().isBlank() ? null : java.nio.file.Path.of(annotation.javaHome().trim()));
        try {
            Map<String, String> brokerProperties = KeyValues.parse(annotation.brokerProperties(), "brokerProperties");
            compatibility.numPartitions().ifPresent(count -> brokerProperties.putIfAbsent("num.partitions", count));
            builder.brokerProperties(brokerProperties);
        } catch (IllegalArgumentException e) {
            throw invalid(type, "attribute brokerProperties", e.getMessage(), e);
        }
        try {
            // Sorted, so that the order of topics, super users and grants does not make another cluster; the users'
            // order is kept, since the first is the clients' default.
            builder.topics(topics(annotation, type, compatibility).stream().sorted(Comparator.comparing(Topic::name)).toList());
            Arrays.stream(annotation.users()).map(User::parse).forEach(builder::user);
            Arrays.stream(annotation.superUsers()).sorted().forEach(builder::superUser);
            builder.grants(Arrays.stream(annotation.grants()).map(Grant::parse)
                    .sorted(Comparator.comparing(Grant::toString)).toList());
            return builder.build();
        } catch (InvalidSettingException e) {
            List<String> attributes = e.settings().stream().map(Setting::key).toList();
            throw invalid(type, (attributes.size() == 1 ? "attribute " : "attributes ")
                    + String.join(", ", attributes), e.problem(), e);
        }
    }

    /** The declared topics; one that cannot be a topic fails at its {@code @Topic}. */
    private static List<Topic> topics(EmbeddedKafka annotation, Class<?> type, Compatibility compatibility) {
        List<Topic> topics = new ArrayList<>();
        for (io.github.kafkatestenv.junit.Topic declared : annotation.topics()) {
            try {
                int partitions = declared.partitions() == io.github.kafkatestenv.junit.Topic.DEFAULT
                        ? compatibility.partitions() : declared.partitions();
                int replicationFactor = declared.replicationFactor() == io.github.kafkatestenv.junit.Topic.DEFAULT
                        ? compatibility.replicationFactor(annotation.brokers()) : declared.replicationFactor();
                topics.add(new Topic(declared.name(), partitions, replicationFactor,
                        KeyValues.parse(declared.configs(), "configs")));
            } catch (IllegalArgumentException e) {
                String problem = e instanceof InvalidSettingException invalid ? invalid.problem() : e.getMessage();
                throw invalid(type, "attribute topics (@Topic(name = \"" + declared.name() + "\"))", problem, e);
            }
        }
        return topics;
    }

    private static ExtensionConfigurationException invalid(Class<?> type, String where, String problem,
                                                           Throwable cause) {
        return new ExtensionConfigurationException("@EmbeddedKafka on " + type.getName() + ", " + where + ": "
                + problem, cause);
    }

    /** Parses {@code "key=value"} strings. */
    static final class KeyValues {

        private KeyValues() {
        }

        static Map<String, String> parse(String[] entries, String attribute) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                if (equals <= 0 || entry.substring(0, equals).isBlank()) {
                    throw new IllegalArgumentException("'" + entry + "' in " + attribute
                            + " is not key=value; write for example \"cleanup.policy=compact\"");
                }
                String key = entry.substring(0, equals).trim();
                if (map.put(key, entry.substring(equals + 1).trim()) != null) {
                    throw new IllegalArgumentException("'" + key + "' is set twice in " + attribute
                            + "; set each key once");
                }
            }
            return map;
        }
    }
}
