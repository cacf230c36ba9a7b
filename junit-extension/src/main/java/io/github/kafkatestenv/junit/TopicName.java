package io.github.kafkatestenv.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the actual name of a topic into a {@code String} parameter or field: the name itself on an embedded
 * cluster, the name with this run's prefix on an {@linkplain EmbeddedKafka existing cluster}. Tests that use it
 * for every topic they address run unchanged against both.
 *
 * <pre>{@code
 * @Test
 * void sends(Producer<String, String> producer, @TopicName("orders") String orders) {
 *     producer.send(new ProducerRecord<>(orders, "o-1", "created"));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TopicName {

    /** The topic's name as declared, for example {@code "orders"}. */
    String value();
}
