package io.github.kafkatestenv.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The cluster most of this module's tests share, declared once as a meta-annotation, as a user would: every class
 * carrying it runs against the same cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "events")})
@interface SharedKafka {
}
