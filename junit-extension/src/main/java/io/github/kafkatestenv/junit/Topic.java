package io.github.kafkatestenv.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A topic that {@link EmbeddedKafka} creates before the first test, for example
 * {@code @Topic(name = "orders", partitions = 3, configs = "cleanup.policy=compact")}.
 *
 * @since 0.1.0
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Topic {

    /**
     * What {@link #partitions()} and {@link #replicationFactor()} are when left out: 1, or, under
     * {@value EmbeddedKafka#COMPATIBILITY_PROPERTY}{@code =spring-kafka-test}, spring-kafka-test's defaults (2
     * partitions, as many replicas as brokers).
     */
    int DEFAULT = -1;

    /** The topic's name: ASCII letters, digits, '.', '_' and '-'. */
    String name();

    /** The number of partitions, at least 1. Default 1 (2 under spring-kafka-test compatibility). */
    int partitions() default DEFAULT;

    /**
     * The replication factor, from 1 to the number of brokers. Default 1 (the number of brokers under
     * spring-kafka-test compatibility).
     */
    int replicationFactor() default DEFAULT;

    /** Topic configs as {@code "key=value"}, for example {@code "min.insync.replicas=2"}. Default none. */
    String[] configs() default {};
}
