package io.github.kafkatestenv.junit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A user's own serde: writes strings upper-cased, reads them as they are. */
public class UpperCaseSerde implements Serde<String> {

    @Override
    public Serializer<String> serializer() {
        return (topic, data) -> data == null ? null : data.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Deserializer<String> deserializer() {
        return (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    }
}
