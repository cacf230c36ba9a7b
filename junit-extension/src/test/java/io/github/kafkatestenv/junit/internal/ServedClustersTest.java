package io.github.kafkatestenv.junit.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Which served clusters a test JVM takes up: a build-wide one everywhere; one a module's own {@code kafka:start}
 * serves only in that module, so that modules built in parallel ({@code -T}) leave each other's clusters alone.
 */
class ServedClustersTest {

    private static final String ADDRESS = "http://127.0.0.1:40123/abcdefghijklmnopqrstuvwxyz";

    @Test
    void aModulesClusterServesThatModuleOnly() {
        String ofOrders = ADDRESS + "#project=" + URLEncoder.encode("/work/shop, 2/orders", StandardCharsets.UTF_8);

        assertTrue(ServedClusters.servesHere(ofOrders, Path.of("/work/shop, 2/orders")));
        assertTrue(ServedClusters.servesHere(ofOrders, Path.of("/work/shop, 2/orders/target/it")));
        assertFalse(ServedClusters.servesHere(ofOrders, Path.of("/work/shop, 2/payments")));
        assertFalse(ServedClusters.servesHere(ofOrders, Path.of("/work/shop, 2/orders-api")));
        assertTrue(ServedClusters.servesHere(ADDRESS, Path.of("/work/shop, 2/payments")), "build-wide");
    }
}
