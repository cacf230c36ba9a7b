package io.github.kafkatestenv.examples.microservices;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The shop's topics on one broker, declared once: every class carrying it shares the same cluster. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(topics = {
        @Topic(name = "order-requests", partitions = 3),
        @Topic(name = "orders", partitions = 3),
        @Topic(name = "payments", partitions = 3),
        @Topic(name = "notifications", partitions = 3),
        @Topic(name = "dead-letters")})
@interface ShopKafka {
}
