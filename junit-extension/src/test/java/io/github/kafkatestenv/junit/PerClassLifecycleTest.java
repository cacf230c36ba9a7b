package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With one test instance per class, injected fields and constructor parameters live as long as the class. */
@SharedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerClassLifecycleTest {

    private final List<Producer<String, String>> seen = new ArrayList<>();
    private final Producer<String, String> fromConstructor;
    Producer<String, String> producer;

    PerClassLifecycleTest(Producer<String, String> producer) {
        this.fromConstructor = producer;
    }

    @Test
    void first() {
        seen.add(producer);
    }

    @Test
    void second() {
        seen.add(producer);
    }

    @AfterAll
    void everyTestSawTheSameOpenClients() {
        assertNotNull(fromConstructor);
        assertSame(seen.get(0), seen.get(1));
        producer.partitionsFor("orders");
        fromConstructor.partitionsFor("orders");
    }
}
