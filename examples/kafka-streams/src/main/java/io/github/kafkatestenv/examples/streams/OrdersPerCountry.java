package io.github.kafkatestenv.examples.streams;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Counts orders per country, exactly once. Orders arrive keyed by order id with the customer id as value; the
 * customers topic (a table: customer id to country) says where each customer lives. The topology re-keys the orders
 * by customer (repartition), joins them with the customers table (orders of unknown customers are dropped), groups
 * them by country (a second repartition), counts them (a state store with a changelog topic) and writes each
 * country's current count to the counts topic.
 *
 * <p>The internal topics get stable names from {@link #REPARTITION_BY_CUSTOMER}, {@link #REPARTITION_BY_COUNTRY},
 * {@link #CUSTOMERS_STORE} and {@link #COUNTS_STORE}: {@code <application.id>-<name>-repartition} and
 * {@code <application.id>-<name>-changelog}. Renaming one of them changes the application's internal topics.
 */
public final class OrdersPerCountry {

    public static final String REPARTITION_BY_CUSTOMER = "orders-by-customer";
    public static final String REPARTITION_BY_COUNTRY = "orders-by-country";
    public static final String CUSTOMERS_STORE = "customers";
    public static final String COUNTS_STORE = "order-counts";

    private OrdersPerCountry() {
    }

    /** The topology: {@code orders} joined with {@code customers}, counted per country into {@code counts}. */
    public static Topology topology(String orders, String customers, String counts) {
        Joined<String, String, String> byCustomer = Joined.with(Serdes.String(), Serdes.String(), Serdes.String())
                .withName(REPARTITION_BY_CUSTOMER);
        Grouped<String, String> byCountry = Grouped.with(REPARTITION_BY_COUNTRY, Serdes.String(), Serdes.String());

        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> countryByCustomer = builder.table(customers,
                Consumed.with(Serdes.String(), Serdes.String()), Materialized.as(CUSTOMERS_STORE));
        builder.stream(orders, Consumed.with(Serdes.String(), Serdes.String()))
                .selectKey((orderId, customerId) -> customerId)
                .join(countryByCustomer, (customerId, country) -> country, byCustomer)
                .groupBy((customerId, country) -> country, byCountry)
                .count(Materialized.as(COUNTS_STORE))
                .toStream()
                .to(counts, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /**
     * The application's configuration: exactly once ({@code exactly_once_v2}: each task's output, state changes and
     * input offsets are committed in one transaction), its state in {@code stateDirectory}.
     */
    public static Properties config(String bootstrapServers, String applicationId, Path stateDirectory) {
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        return config;
    }

    /** Runs the application until Ctrl-C: {@code OrdersPerCountry <bootstrap servers> <state directory>}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: OrdersPerCountry <bootstrap servers> <state directory>, e.g. "
                    + "OrdersPerCountry localhost:9092 /var/lib/orders-per-country");
        }
        KafkaStreams streams = new KafkaStreams(topology("orders", "customers", "orders-per-country"),
                config(args[0], "orders-per-country", Path.of(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "orders-per-country-shutdown"));
        streams.start();
    }
}
