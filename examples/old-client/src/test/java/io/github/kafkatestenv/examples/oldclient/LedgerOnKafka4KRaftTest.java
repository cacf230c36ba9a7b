package io.github.kafkatestenv.examples.oldclient;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;

/** The kafka-clients 2.8 ledger against a Kafka 4.4 cluster in KRaft mode (4.x has no ZooKeeper mode). */
@EmbeddedKafka(kafkaVersion = "4.4.0", topics = @Topic(name = LedgerRoundTrip.LEDGER, partitions = 3))
class LedgerOnKafka4KRaftTest extends LedgerRoundTrip {
}
