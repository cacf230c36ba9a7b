package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extension without kafka-clients: everything this module's tests see, in a class loader of its own that lacks
 * only kafka-clients, runs small test classes through the EngineTestKit there ({@link NoKafkaClientsRunner}).
 */
@SharedKafka
class NoKafkaClientsTest {

    @Test
    void servesBootstrapServersWithoutKafkaClientsAndNamesTheDependencyWhenItNeedsIt(
            @BootstrapServers String servers) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("kafka-clients-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withoutClients = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> withoutClients.loadClass("org.apache.kafka.clients.producer.KafkaProducer"));
            Thread.currentThread().setContextClassLoader(withoutClients);
            @SuppressWarnings("unchecked")
            List<String> outcome = (List<String>) withoutClients.loadClass(NoKafkaClientsRunner.class.getName())
                    .getMethod("run", String.class).invoke(null, servers);

            assertEquals(List.of(
                    "BootstrapServersTestCase: succeeded",
                    "TopicsTestCase: failed: @EmbeddedKafka cannot create topics on the existing cluster " + servers
                            + " (system property kafka.testenv.bootstrap.servers / environment variable "
                            + "KAFKA_TESTENV_BOOTSTRAP_SERVERS): kafka-clients is not on the test class path. Add "
                            + "org.apache.kafka:kafka-clients (2.8 or newer) with test scope."), outcome);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
