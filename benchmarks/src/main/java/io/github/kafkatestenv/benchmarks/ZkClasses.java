package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * The ten test classes of zk: ZooKeeper mode on Kafka 3.9, the declaration every scenario uses ({@code orders} 3
 * partitions, {@code audit} 1), equal in every class, as a team declares its cluster once. The version must be
 * the line's (Main checks it against versions.properties).
 */
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(mode = Mode.ZOOKEEPER, kafkaVersion = "3.9.2",
        topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "audit")})
@interface ZkKafka {
}

@ZkKafka
class ZkClass01 extends TestClass {
}

@ZkKafka
class ZkClass02 extends TestClass {
}

@ZkKafka
class ZkClass03 extends TestClass {
}

@ZkKafka
class ZkClass04 extends TestClass {
}

@ZkKafka
class ZkClass05 extends TestClass {
}

@ZkKafka
class ZkClass06 extends TestClass {
}

@ZkKafka
class ZkClass07 extends TestClass {
}

@ZkKafka
class ZkClass08 extends TestClass {
}

@ZkKafka
class ZkClass09 extends TestClass {
}

@ZkKafka
class ZkClass10 extends TestClass {
}
