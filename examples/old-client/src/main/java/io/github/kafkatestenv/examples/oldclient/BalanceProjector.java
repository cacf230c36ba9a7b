package io.github.kafkatestenv.examples.oldclient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps every account's balance from the ledger topic, as a member of a consumer group. It commits each batch after
 * applying it, so a projector started later in the same group goes on where the last one stopped.
 */
public final class BalanceProjector implements AutoCloseable {

    private final KafkaConsumer<String, Long> consumer;
    private final Map<String, Long> balances = new HashMap<>();

    public BalanceProjector(String bootstrapServers, String topic, String groupId) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new LongDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once, applies the entries that arrived and commits them; returns how many it applied. */
    public int poll(Duration timeout) {
        ConsumerRecords<String, Long> records = consumer.poll(timeout);
        for (ConsumerRecord<String, Long> record : records) {
            if (record.key() != null && record.value() != null) {
                balances.merge(record.key(), record.value(), Long::sum);
            }
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
        return records.count();
    }

    /** The balances applied so far, in cents, by account. */
    public Map<String, Long> balances() {
        return Map.copyOf(balances);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
