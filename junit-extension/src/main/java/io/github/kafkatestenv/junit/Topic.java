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

    /** The topic's name: ASCII letters, digits, '.', '_' and '-'. */
    String name();

    /** The number of partitions, at least 1. Default 1. */
    int partitions() default 1;

    /** The replication factor, from 1 to the number of brokers. Default 1. */
    int replicationFactor() default 1;

    /** Topic configs as {@code "key=value"}, for example {@code "min.insync.replicas=2"}. Default none. */
    String[] configs() default {};
}
