package io.github.kafkatestenv.examples.mlpipeline;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The pipeline's topics on one broker, declared once: every class carrying it shares the same cluster. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(topics = {
        @Topic(name = "species-requests", partitions = 4),
        @Topic(name = "species-results", partitions = 4)})
@interface IrisKafka {
}
