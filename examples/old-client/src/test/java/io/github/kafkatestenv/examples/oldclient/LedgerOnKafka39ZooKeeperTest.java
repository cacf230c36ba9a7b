package io.github.kafkatestenv.examples.oldclient;

import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;

/** The same kafka-clients 2.8 ledger against a Kafka 3.9 cluster in ZooKeeper mode, in the same test run. */
@EmbeddedKafka(kafkaVersion = "3.9.2", mode = Mode.ZOOKEEPER,
        topics = @Topic(name = LedgerRoundTrip.LEDGER, partitions = 3))
class LedgerOnKafka39ZooKeeperTest extends LedgerRoundTrip {
}
