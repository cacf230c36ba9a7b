package io.github.kafkatestenv.examples.oldclient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends ledger entries, an amount in cents for an account, to the ledger topic. The account is the record key, so
 * all entries of an account go to one partition, in the order they were appended.
 */
public final class LedgerWriter implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, Long> producer;

    public LedgerWriter(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new LongSerializer());
    }

    /** Appends an entry and returns where it was written, once the broker has acknowledged it. */
    public RecordMetadata append(String account, long amountCents, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return producer.send(new ProducerRecord<>(topic, account, amountCents))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
