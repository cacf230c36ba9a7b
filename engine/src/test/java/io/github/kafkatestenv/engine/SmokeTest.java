package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void zk() throws Exception {
        run(ClusterDefinition.builder().topic(Topic.parse("orders:3:1")).build());
    }

    @Test
    void kraft39() throws Exception {
        run(ClusterDefinition.builder().mode(Mode.KRAFT).topic(Topic.parse("orders:3:1")).build());
    }

    @Test
    void kraft4x3() throws Exception {
        run(ClusterDefinition.builder().kafkaVersion("4.4.0").brokers(3).topic(Topic.parse("orders:3:3")).build());
    }

    private void run(ClusterDefinition definition) throws Exception {
        long t0 = System.nanoTime();
        try (KafkaCluster cluster = definition.start()) {
            long t1 = System.nanoTime();
            System.err.println("started " + cluster + " in " + (t1 - t0) / 1_000_000 + " ms, " + cluster.kafkaVersion());
            var values = Clients.send(cluster, "orders", 5);
            assertEquals(5, Clients.read(cluster, "orders", 5, Duration.ofSeconds(30)).size());
            System.err.println("roundtrip " + (System.nanoTime() - t1) / 1_000_000 + " ms");
            t0 = System.nanoTime();
        }
        System.err.println("closed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
