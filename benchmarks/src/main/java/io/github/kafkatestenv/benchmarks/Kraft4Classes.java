package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * The ten test classes of kraft4: KRaft mode on Kafka 4, the declaration every scenario uses ({@code orders} 3
 * partitions, {@code audit} 1), equal in every class, as a team declares its cluster once. The version must be
 * the line's (Main checks it against versions.properties).
 */
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(mode = Mode.KRAFT, kafkaVersion = "4.4.0",
        topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "audit")})
@interface Kraft4Kafka {
}

@Kraft4Kafka
class Kraft4Class01 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class02 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class03 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class04 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class05 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class06 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class07 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class08 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class09 extends TestClass {
}

@Kraft4Kafka
class Kraft4Class10 extends TestClass {
}
