package io.github.kafkatestenv.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings for an injected {@code Producer}, {@code Consumer} or {@code Admin}; without it, clients get the
 * defaults below.
 *
 * <pre>{@code
 * @Test
 * void readsOrders(@KafkaClient(topic = "orders", valueSerde = OrderDeserializer.class)
 *                  Consumer<String, Order> consumer) { ... }
 * }</pre>
 *
 * <p><b>Defaults.</b> Every client gets what the cluster's listener needs: {@code bootstrap.servers} and, on a
 * secured cluster, {@code security.protocol}, the SASL login and the TLS stores of {@link #user()}. Producers: {@code acks=all}. Consumers: a
 * fresh group ({@code kafka-testenv-<uuid>}), {@code auto.offset.reset=earliest}, not subscribed unless
 * {@link #topic()} is set. Keys and values of type {@code String}, {@code byte[]}, {@code Integer},
 * {@code Long}, {@code Short}, {@code Float}, {@code Double}, {@code UUID}, {@code ByteBuffer},
 * {@code org.apache.kafka.common.utils.Bytes} and {@code Void} get kafka-clients' own serializers and
 * deserializers; other types need {@link #keySerde()} or {@link #valueSerde()}.
 *
 * @since 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KafkaClient {

    /**
     * Consumers: the declared name of the topic to subscribe to (prefixed on an existing cluster, like
     * {@link TopicName}). Default: not subscribed. Producers and Admin: must be left out.
     */
    String topic() default "";

    /** Consumers: the group id. Default: a fresh, unique group for every injected consumer. */
    String groupId() default "";

    /**
     * The key's {@code Serializer} (producers), {@code Deserializer} (consumers) or {@code Serde} (either) class,
     * with a public no-argument constructor; it is configured with the client's properties. Default
     * ({@code Void.class}): chosen from the key type.
     */
    Class<?> keySerde() default Void.class;

    /** The value's serializer, deserializer or serde class, as {@link #keySerde()}. Default: from the value type. */
    Class<?> valueSerde() default Void.class;

    /**
     * The declared user ({@link EmbeddedKafka#users()}) the client logs in as, by SASL or with its client certificate,
     * for example {@code "bob"}. Default: the first declared user (none on a {@code PLAINTEXT} cluster). A user the
     * class does not declare fails the injection, naming the declared ones. On an existing cluster, where every client
     * uses the {@value EmbeddedKafka#CLIENT_PROPERTY_PREFIX}{@code *} settings, tests asking for a user are skipped.
     */
    String user() default "";

    /**
     * More client properties as {@code "key=value"}, over the defaults and the cluster's security settings, for example
     * {@code "max.poll.records=10"}. Default none.
     */
    String[] properties() default {};
}
