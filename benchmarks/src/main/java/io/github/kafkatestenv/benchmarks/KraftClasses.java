package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * The ten test classes of kraft: KRaft mode on Kafka 3.9, the declaration every scenario uses ({@code orders} 3
 * partitions, {@code audit} 1), equal in every class, as a team declares its cluster once. The version must be
 * the line's (Main checks it against versions.properties).
 */
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(mode = Mode.KRAFT, kafkaVersion = "3.9.2",
        topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "audit")})
@interface KraftKafka {
}

@KraftKafka
class KraftClass01 extends TestClass {
}

@KraftKafka
class KraftClass02 extends TestClass {
}

@KraftKafka
class KraftClass03 extends TestClass {
}

@KraftKafka
class KraftClass04 extends TestClass {
}

@KraftKafka
class KraftClass05 extends TestClass {
}

@KraftKafka
class KraftClass06 extends TestClass {
}

@KraftKafka
class KraftClass07 extends TestClass {
}

@KraftKafka
class KraftClass08 extends TestClass {
}

@KraftKafka
class KraftClass09 extends TestClass {
}

@KraftKafka
class KraftClass10 extends TestClass {
}
