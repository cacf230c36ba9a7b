package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link EmbeddedKafka} that applies to a test class, the class that carries it, and the engine definition it
 * makes.
 *
 * @param annotation     the annotation found (directly, as a meta-annotation, inherited, or on an enclosing class)
 * @param declaringClass the test class it was found on
 * @param definition     the cluster it declares; equal for equal declarations, whatever the order of topics
 */
record Declaration(EmbeddedKafka annotation, Class<?> declaringClass, ClusterDefinition definition) {

    /** Whether the class asked for a cluster of its own. */
    boolean freshCluster() {
        return annotation.freshCluster();
    }

    /** The topics as declared (for an existing cluster, which ignores the cluster-level attributes). */
    List<Topic> topics() {
        return definition.topics();
    }

    /**
     * The declaration for {@code testClass}: its own (or inherited, or meta-) annotation, else its enclosing
     * class's for {@code @Nested} classes.
     *
     * @throws ExtensionConfigurationException if the annotation cannot make a definition, naming class and attribute
     */
    static Optional<Declaration> find(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<EmbeddedKafka> annotation = AnnotationSupport.findAnnotation(type, EmbeddedKafka.class);
            if (annotation.isPresent()) {
                return Optional.of(new Declaration(annotation.get(), type, toDefinition(annotation.get(), type)));
            }
        }
        return Optional.empty();
    }

    /**
     * Builds the definition attribute by attribute, so that an engine error is reported at the attribute that
     * caused it.
     */
    static ClusterDefinition toDefinition(EmbeddedKafka annotation, Class<?> type) {
        if (annotation.mode().length > 1) {
            throw invalid(type, "mode", "give at most one mode, for example mode = Mode.KRAFT", null);
        }
        Mode mode = annotation.mode().length == 1 ? annotation.mode()[0] : null;
        ClusterDefinition.Builder builder = ClusterDefinition.builder().mode(mode)
                .kafkaVersion(annotation.kafkaVersion());
        check(builder, type, mode == null ? "kafkaVersion" : "mode/kafkaVersion");
        builder.brokers(annotation.brokers());
        check(builder, type, "brokers");

        List<Topic> topics = new ArrayList<>();
        for (io.github.kafkatestenv.junit.Topic declared : annotation.topics()) {
            String attribute = "topics (@Topic(name = \"" + declared.name() + "\"))";
            Topic topic;
            try {
                topic = new Topic(declared.name(), declared.partitions(), declared.replicationFactor(),
                        KeyValues.parse(declared.configs(), "configs"));
            } catch (KafkaTestEnvException | IllegalArgumentException e) {
                throw invalid(type, attribute, e.getMessage(), e);
            }
            topics.add(topic);
        }
        topics.sort(Comparator.comparing(Topic::name));
        for (Topic topic : topics) {
            builder.topic(topic);
            check(builder, type, "topics (@Topic(name = \"" + topic.name() + "\"))");
        }

        Map<String, String> brokerProperties;
        try {
            brokerProperties = KeyValues.parse(annotation.brokerProperties(), "brokerProperties");
        } catch (IllegalArgumentException e) {
            throw invalid(type, "brokerProperties", e.getMessage(), e);
        }
        builder.brokerProperties(brokerProperties);
        return check(builder, type, "brokerProperties");
    }

    private static ClusterDefinition check(ClusterDefinition.Builder builder, Class<?> type, String attribute) {
        try {
            return builder.build();
        } catch (KafkaTestEnvException | IllegalArgumentException e) {
            throw invalid(type, attribute, e.getMessage(), e);
        }
    }

    private static ExtensionConfigurationException invalid(Class<?> type, String attribute, String problem,
                                                           Throwable cause) {
        return new ExtensionConfigurationException("@EmbeddedKafka on " + type.getName() + ", attribute "
                + attribute + ": " + problem, cause);
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
