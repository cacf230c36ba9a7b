package io.github.kafkatestenv.examples.springboot;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * A Kafka Streams topology, run by Spring Kafka's {@code StreamsBuilderFactoryBean}: the total confirmed quantity of
 * each item, from the confirmations topic, published to the item totals topic (key: item, value: total) whenever it
 * changes. The totals are kept in memory and rebuilt from their changelog topic at start.
 */
@Configuration
@EnableKafkaStreams
public class ItemTotals {

    private static final String CONFIRMED = "confirmed: ";

    @Bean
    public KStream<String, String> confirmedItems(StreamsBuilder builder,
            @Value("${orders.confirmations-topic}") String confirmationsTopic,
            @Value("${orders.item-totals-topic}") String totalsTopic) {
        KStream<String, String> confirmations = builder.stream(confirmationsTopic,
                Consumed.with(Serdes.String(), Serdes.String()));
        confirmations
                .filter((orderId, outcome) -> outcome != null && outcome.startsWith(CONFIRMED))
                .map((orderId, outcome) -> {
                    String[] quantityAndItem = outcome.substring(CONFIRMED.length()).split(" x ", 2);
                    return KeyValue.pair(quantityAndItem[1], Long.parseLong(quantityAndItem[0]));
                })
                .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
                .reduce(Long::sum, Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("item-totals"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(totalsTopic, Produced.with(Serdes.String(), Serdes.Long()));
        return confirmations;
    }
}
