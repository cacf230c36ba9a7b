package io.github.kafkatestenv.junit.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Spring properties that point an application context at a cluster, in plain Java (no Spring type), and the
 * test for properties of the application's own configuration that would point it elsewhere.
 *
 * <p>Spring Boot's {@code KafkaProperties} lets the application set the address and security for all clients
 * ({@code spring.kafka.*}) and again for each of consumer, producer, admin and streams, as settings
 * ({@code bootstrap-servers}, {@code security.protocol}) and as raw client properties ({@code properties.*}); the
 * more specific wins. So each of them is set here, to the cluster's value, and wins over the application's own
 * configuration, whatever form (YAML, properties, environment variables) it uses.
 */
final class SpringKafkaProperties {

    /** spring-kafka-test's property for the brokers' address, which tests written for it resolve. */
    static final String EMBEDDED_BROKERS = Compatibility.EMBEDDED_BROKERS_PROPERTY;

    private static final String ROOT = "spring.kafka";
    private static final List<String> CLIENTS = List.of("consumer", "producer", "admin", "streams");
    /** Boot has {@code bootstrap-servers} for these clients; the admin client takes the common one. */
    private static final List<String> CLIENTS_WITH_SERVERS = List.of("consumer", "producer", "streams");

    /** Words of a property name that holds brokers' addresses, in {@link #canonical} form. */
    private static final Pattern BROKER_WORDS = Pattern.compile("bootstrap|broker|servers");
    /** {@code host:port} addresses, comma separated, perhaps after a protocol: what a Kafka address is. */
    private static final Pattern ADDRESSES =
            Pattern.compile("\\s*" + address() + "(\\s*,\\s*" + address() + ")*\\s*");

    private SpringKafkaProperties() {
    }

    /**
     * The properties that give a Spring context the cluster.
     *
     * @param bootstrapServers the cluster's {@code host:port,...}
     * @param client           what a client needs to connect ({@code bootstrap.servers}, {@code security.protocol},
     *                         {@code sasl.*}, {@code ssl.*}), as the environment gives it
     */
    static Map<String, String> of(String bootstrapServers, Map<String, String> client) {
        Map<String, String> properties = new TreeMap<>();
        properties.put(EMBEDDED_BROKERS, bootstrapServers);
        properties.put(ROOT + ".bootstrap-servers", bootstrapServers);
        for (String kind : CLIENTS_WITH_SERVERS) {
            properties.put(ROOT + "." + kind + ".bootstrap-servers", bootstrapServers);
        }
        String protocol = client.getOrDefault("security.protocol", "PLAINTEXT");
        for (String prefix : prefixes()) {
            properties.put(prefix + ".security.protocol", protocol);
            properties.put(prefix + ".properties.bootstrap.servers", bootstrapServers);
            client.forEach((key, value) -> {
                if (!key.equals("bootstrap.servers")) {
                    properties.put(prefix + ".properties." + key, value);
                }
            });
        }
        return Collections.unmodifiableMap(properties);
    }

    /** The names {@link #of} gives a plaintext cluster, whose client needs nothing but {@code bootstrap.servers}. */
    static Set<String> plaintextNames() {
        return of("", Map.of("bootstrap.servers", "")).keySet();
    }

    /** {@code spring.kafka} and {@code spring.kafka.<client>} for every client. */
    private static List<String> prefixes() {
        List<String> prefixes = new java.util.ArrayList<>();
        prefixes.add(ROOT);
        CLIENTS.forEach(kind -> prefixes.add(ROOT + "." + kind));
        return prefixes;
    }

    /**
     * Why a property of the application's configuration would point its Kafka clients at another cluster, or empty
     * when it does not: a name about Kafka's brokers (with {@code kafka} and {@code bootstrap}, {@code broker} or
     * {@code servers} in it, not {@code zookeeper}) that the cluster's properties do not cover, with a value that is
     * a Kafka address ({@code host:port,...}) other than the cluster's; or, on a TLS cluster, an SSL bundle that
     * would replace the cluster's trust and key stores.
     *
     * @param name    the property's name, in any of Spring's forms ({@code spring.kafka.consumer.bootstrap-servers},
     *                {@code app.kafka.bootstrapServers}, {@code spring.kafka.properties[bootstrap.servers]})
     * @param value   its value as the context resolves it
     * @param ours    what {@link #of} gave
     */
    static Optional<String> misdirection(String name, String value, Map<String, String> ours) {
        String canonical = canonical(name);
        if (ours.keySet().stream().map(SpringKafkaProperties::canonical).anyMatch(canonical::equals)) {
            return Optional.empty();
        }
        boolean tls = ours.getOrDefault(ROOT + ".security.protocol", "").endsWith("SSL");
        if (tls && canonical.startsWith("springkafka") && canonical.endsWith("sslbundle")
                && value != null && !value.isBlank()) {
            return Optional.of("names the SSL bundle '" + value + "', which would replace the trust and key stores "
                    + "of the cluster's TLS listener");
        }
        // Brokers' addresses only: a Connect, REST or registry address of an application about Kafka is no misdirection
        boolean address = canonical.contains("kafka") && BROKER_WORDS.matcher(canonical).find()
                && !canonical.contains("zookeeper");
        if (!address || value == null || !ADDRESSES.matcher(value).matches()
                || addresses(value).equals(addresses(ours.get(ROOT + ".bootstrap-servers")))) {
            return Optional.empty();
        }
        return Optional.of("is '" + value + "', a Kafka address other than the cluster's");
    }

    private static String address() {
        return "((PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL)://)?[^\\s,:/]+:\\d+";
    }

    /** The name without case, dashes, underscores, dots and brackets, as Spring's relaxed binding compares it. */
    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
    }

    private static Set<String> addresses(String servers) {
        return Arrays.stream(servers.split(",")).map(String::trim).map(a -> a.replaceFirst("^[A-Z_]+://", ""))
                .filter(a -> !a.isEmpty()).collect(Collectors.toCollection(HashSet::new));
    }
}
