package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.TopicName;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * One thing a test asks for, in a parameter or a field: what kind it is, read from the declared type's name (so
 * that no Kafka class is loaded to decide) and our annotations.
 *
 * @param kind        what to inject, or {@link Kind#UNSUPPORTED} for our annotation on a type we cannot fill
 * @param rawType     the declared type
 * @param genericType the declared type with its type arguments
 * @param element     the parameter or field, for its annotations
 * @param target      "parameter 'consumer' of OrderTest.reads(...)" or "field OrderTest.consumer", for messages
 */
record Injection(Kind kind, Class<?> rawType, Type genericType, AnnotatedElement element, String target) {

    /** The kinds of things the extension injects. */
    enum Kind {
        CLUSTER, BOOTSTRAP_SERVERS, TOPIC_NAME, ADMIN, PRODUCER, CONSUMER, UNSUPPORTED
    }

    /** What an injection can be, for the messages of unsupported ones. */
    static final String SUPPORTED = "KafkaCluster, @BootstrapServers String, @TopicName(\"name\") String, "
            + "Admin or AdminClient, Producer<K, V> or KafkaProducer<K, V>, "
            + "Consumer<K, V> or KafkaConsumer<K, V>";

    /** The injection {@code element} asks for, or empty when it is not the extension's to fill. */
    static Optional<Injection> of(Class<?> rawType, Type genericType, AnnotatedElement element, String target) {
        Kind kind = kindOf(rawType, element);
        return kind == null ? Optional.empty()
                : Optional.of(new Injection(kind, rawType, genericType, element, target));
    }

    private static Kind kindOf(Class<?> type, AnnotatedElement element) {
        boolean bootstrapServers = element.isAnnotationPresent(BootstrapServers.class);
        boolean topicName = element.isAnnotationPresent(TopicName.class);
        boolean client = element.isAnnotationPresent(KafkaClient.class);
        if (bootstrapServers || topicName) {
            if (type != String.class || client || (bootstrapServers && topicName)) {
                return Kind.UNSUPPORTED;
            }
            return bootstrapServers ? Kind.BOOTSTRAP_SERVERS : Kind.TOPIC_NAME;
        }
        switch (type.getName()) {
            case "io.github.kafkatestenv.engine.KafkaCluster":
                return client ? Kind.UNSUPPORTED : Kind.CLUSTER;
            case "org.apache.kafka.clients.admin.Admin":
            case "org.apache.kafka.clients.admin.AdminClient":
                return Kind.ADMIN;
            case "org.apache.kafka.clients.producer.Producer":
            case "org.apache.kafka.clients.producer.KafkaProducer":
                return Kind.PRODUCER;
            case "org.apache.kafka.clients.consumer.Consumer":
            case "org.apache.kafka.clients.consumer.KafkaConsumer":
                return Kind.CONSUMER;
            default:
                return client ? Kind.UNSUPPORTED : null;
        }
    }

    /** The {@code @KafkaClient} settings, or null. */
    KafkaClient settings() {
        return element.getAnnotation(KafkaClient.class);
    }

    /** Whether the element carries one of our annotations: the test asked for the injection explicitly. */
    boolean annotated() {
        return element.isAnnotationPresent(BootstrapServers.class) || element.isAnnotationPresent(TopicName.class)
                || element.isAnnotationPresent(KafkaClient.class);
    }

    /** The declared type as written, for example {@code Consumer<String, Order>}, without packages. */
    String typeName() {
        return genericType.getTypeName().replaceAll("[a-zA-Z0-9_$]+\\.", "");
    }
}
