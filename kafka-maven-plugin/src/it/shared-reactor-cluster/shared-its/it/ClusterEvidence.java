package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.junit.Records;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A round trip on a module's own topic, then what verify.groovy counts: the cluster the build served to this test
 * JVM ({@code kafka.testenv.clusters}, attached to) and the cluster the {@code @EmbeddedKafka} test used, by id.
 */
final class ClusterEvidence {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClusterEvidence() {
    }

    static void roundTripAndWrite(String topic, String bootstrapServers, Producer<String, String> producer,
                                  Consumer<String, String> consumer, Admin admin) throws Exception {
        Records.send(producer, new ProducerRecord<>(topic, "key", "from " + topic), TIMEOUT);
        assertEquals("from " + topic, Records.read(consumer, 1, TIMEOUT).get(0).value());

        Properties evidence = new Properties();
        String clusters = System.getProperty("kafka.testenv.clusters", "");
        evidence.setProperty("served.count", Integer.toString(clusters.isBlank() ? 0 : clusters.split(",").length));
        if (!clusters.isBlank()) {
            String address = clusters.split(",")[0];
            evidence.setProperty("served.port", Integer.toString(URI.create(address).getPort()));
            try (KafkaCluster served = KafkaCluster.attach(address)) {
                evidence.setProperty("served", served.clusterId());
                evidence.setProperty("served.bootstrap.servers", served.bootstrapServers());
            }
        }
        evidence.setProperty("used", admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
        evidence.setProperty("used.bootstrap.servers", bootstrapServers);
        try (Writer out = Files.newBufferedWriter(Paths.get(System.getProperty("basedir"), "target",
                "kafka-evidence.properties"))) {
            evidence.store(out, "written by " + topic);
        }
    }
}
