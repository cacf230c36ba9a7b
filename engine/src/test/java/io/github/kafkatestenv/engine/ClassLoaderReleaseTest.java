package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.internal.ClusterHandle;
import java.lang.ref.WeakReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After close, nothing pins the isolated runtime: its class loader (and its ~9,000 classes) can be collected, also
 * on Java 17, whose own method-handle caches would otherwise keep a Kafka 4 record type (see JdkCaches).
 */
class ClassLoaderReleaseTest {

    @ParameterizedTest(name = "Kafka {0} mode {1}")
    @CsvSource({"3.9.2, ZOOKEEPER", "3.9.2, KRAFT", "4.4.0, KRAFT"})
    void runtimeClassLoaderIsCollectedAfterClose(String version, Mode mode) throws Exception {
        WeakReference<ClassLoader> loader = startUseAndClose(version, mode);
        boolean collected = ProcessState.eventually(20, () -> {
            ProcessState.collectWithMemoryPressure();
            return loader.get() == null;
        });
        assertTrue(collected, "the runtime's class loader was collected");
    }

    private static WeakReference<ClassLoader> startUseAndClose(String version, Mode mode) throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder().kafkaVersion(version).mode(mode)
                .topic(Topic.of("released")).build().start()) {
            Clients.send(cluster, "released", 1);
            return new WeakReference<>(((ClusterHandle) cluster).runtimeClassLoader());
        }
    }
}
