package io.github.kafkatestenv.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which Spring properties give a context the cluster, and which of the application's own would send it elsewhere:
 * only Kafka addresses other than the cluster's, and on a TLS cluster an SSL bundle.
 */
class SpringKafkaPropertiesTest {

    private static final String SERVERS = "127.0.0.1:40001,127.0.0.1:40002";

    private static final Map<String, String> TLS = SpringKafkaProperties.of(SERVERS, Map.of(
            "bootstrap.servers", SERVERS, "security.protocol", "SSL",
            "ssl.truststore.location", "/tmp/c/truststore.p12", "ssl.truststore.password", "secret"));

    @Test
    void everyClientGetsTheAddressAndTheSecuritySettings() {
        for (String client : new String[] {"", ".consumer", ".producer", ".admin", ".streams"}) {
            assertEquals("SSL", TLS.get("spring.kafka" + client + ".security.protocol"), client);
            assertEquals(SERVERS, TLS.get("spring.kafka" + client + ".properties.bootstrap.servers"), client);
            assertEquals("/tmp/c/truststore.p12",
                    TLS.get("spring.kafka" + client + ".properties.ssl.truststore.location"), client);
        }
        assertEquals(SERVERS, TLS.get("spring.kafka.bootstrap-servers"));
        assertEquals(SERVERS, TLS.get("spring.kafka.streams.bootstrap-servers"));
        assertEquals(SERVERS, TLS.get("spring.embedded.kafka.brokers"));
    }

    @Test
    void anotherKafkaAddressIsAMisdirectionInAnyForm() {
        assertEquals(Optional.of("is 'localhost:9092', a Kafka address other than the cluster's"),
                SpringKafkaProperties.misdirection("app.kafka.bootstrap-servers", "localhost:9092", TLS));
        assertTrue(SpringKafkaProperties.misdirection("APP_KAFKA_BROKERS", "PLAINTEXT://kafka:9092,kafka2:9092",
                TLS).isPresent());
        assertTrue(SpringKafkaProperties.misdirection("spring.cloud.stream.kafka.binder.brokers", "broker:9092",
                TLS).isPresent());
        assertTrue(SpringKafkaProperties.misdirection("orders.kafka.servers", "localhost:9092", TLS).isPresent());
    }

    @Test
    void theClustersOwnAddressAndWhatItsPropertiesCoverAreNot() {
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection("app.kafka.bootstrap-servers",
                "127.0.0.1:40002, 127.0.0.1:40001", TLS));
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection("spring.kafka.consumer.bootstrapServers",
                "localhost:9092", TLS), "overridden by the cluster's property, whatever its form");
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection(
                "spring.kafka.streams.properties[bootstrap.servers]", "localhost:9092", TLS));
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection("app.kafka.broker-count", "3", TLS),
                "not an address");
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection("app.http.servers", "localhost:8080",
                TLS), "not about Kafka");
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection(
                "spring.kafka.properties.schema.registry.url", "http://localhost:8081", TLS), "not a Kafka address");
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection("app.kafka.connect-rest", "localhost:8083",
                TLS), "a Kafka Connect address, not a broker's");
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection(
                "spring.kafka.streams.properties.application.server", "localhost:8080", TLS),
                "Kafka Streams' own endpoint for interactive queries");
        assertEquals(Optional.empty(), SpringKafkaProperties.misdirection("app.kafka.zookeeper.connect",
                "localhost:2181", TLS), "ZooKeeper's");
    }

    @Test
    void anSslBundleWouldReplaceTheTlsClustersStores() {
        assertEquals(Optional.of("names the SSL bundle 'prod', which would replace the trust and key stores of the "
                        + "cluster's TLS listener"),
                SpringKafkaProperties.misdirection("spring.kafka.producer.ssl.bundle", "prod", TLS));
        Map<String, String> plaintext = SpringKafkaProperties.of(SERVERS, Map.of("bootstrap.servers", SERVERS));
        assertEquals(Optional.empty(),
                SpringKafkaProperties.misdirection("spring.kafka.ssl.bundle", "prod", plaintext),
                "a PLAINTEXT client ignores it");
    }
}
