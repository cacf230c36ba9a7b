package io.github.kafkatestenv.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The client properties files' text: what Kafka's tools load back, and readable as it is. */
class ClientAccessTest {

    @Test
    void kafkaReadsBackEveryValueAndLinesStayReadable() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", "127.0.0.1:40123,127.0.0.1:40124");
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"alice\" password=\"s3cret=#!:\";");
        properties.put("ssl.truststore.location", "C:\\Users\\Jürgen\\tls\\truststore.p12");
        properties.put("odd.value", " leading blank");

        String text = ClientAccess.format(properties, "Kafka client settings, as alice");

        Properties loaded = new Properties();
        loaded.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))); // as Kafka's loadProps
        assertEquals(properties, Map.copyOf(loaded));
        assertTrue(text.contains("\nbootstrap.servers=127.0.0.1:40123,127.0.0.1:40124\n"), text);
        assertTrue(text.contains("username=\"alice\" password=\"s3cret=#!:\";\n"), text);
        assertTrue(text.chars().allMatch(c -> c == '\n' || c >= ' ' && c <= '~'), text);
    }
}
