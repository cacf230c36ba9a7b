package io.github.kafkatestenv.benchmarks;

import io.github.kafkatestenv.benchmarks.contract.Clients;
import io.github.kafkatestenv.junit.BootstrapServers;
import org.junit.jupiter.api.Test;

/**
 * One of the ten test classes of a {@code classes-10-*} scenario: the round trip of SCENARIOS.md with the class's own
 * group ({@code bench-class-<i>}) and its own unique payload, against the cluster {@code @EmbeddedKafka} provides. The
 * subclasses differ only in their names (the index) and their declaration (the scenario's line).
 */
abstract class TestClass {

    @Test
    void roundTrip(@BootstrapServers String bootstrapServers) throws Exception {
        String name = getClass().getSimpleName();
        int index = Integer.parseInt(name.substring(name.length() - 2));
        Clients.roundTrip(bootstrapServers, "bench-class-" + index);
    }
}
