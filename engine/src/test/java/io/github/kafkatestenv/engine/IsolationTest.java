package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The broker runtime never reaches the caller's class path, and the public API holds no Kafka types. */
class IsolationTest {

    @Test
    void brokerClassesStayOutOfTheCallersClassPath() throws Exception {
        try (KafkaCluster cluster = ClusterDefinition.builder().build().start()) {
            assertEquals("3.9.2", cluster.kafkaVersion(), "the brokers run 3.9.2");
            assertEquals("3.7.2", AppInfoParser.getVersion(), "the test's own kafka-clients stays 3.7.2");
            for (String brokerClass : List.of("kafka.server.KafkaServer", "kafka.server.KafkaRaftServer",
                    "org.apache.zookeeper.server.ZooKeeperServer", "scala.Option", "org.apache.log4j.Logger",
                    "io.github.kafkatestenv.bridge.kafka39.Kafka39Bridge")) {
                assertThrows(ClassNotFoundException.class,
                        () -> Class.forName(brokerClass, false, getClass().getClassLoader()), brokerClass);
            }
            assertEquals(1, Clients.send(cluster, "isolated", 1).size(), "the 3.7.2 client talks to the 3.9.2 broker");
        }
    }

    @Test
    void publicApiUsesOnlyJdkAndOwnTypes() {
        List<String> foreign = new ArrayList<>();
        for (Class<?> type : List.of(ClusterDefinition.class, ClusterDefinition.Builder.class, KafkaCluster.class,
                Topic.class, Mode.class, Broker.class, KafkaTestEnvException.class)) {
            for (Method method : type.getMethods()) {
                if (!Modifier.isPublic(method.getModifiers())) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
                types.add(method.getGenericReturnType());
                for (Type used : types) {
                    String name = used.getTypeName();
                    if (name.contains("kafka") && !name.contains("io.github.kafkatestenv.engine")) {
                        foreign.add(type.getSimpleName() + "." + method.getName() + ": " + name);
                    }
                    if (name.contains("org.apache") || name.contains("scala.") || name.contains("junit")) {
                        foreign.add(type.getSimpleName() + "." + method.getName() + ": " + name);
                    }
                }
            }
        }
        assertTrue(foreign.isEmpty(), () -> "foreign types in the public API: " + foreign);
    }
}
