package io.github.kafkatestenv.maven.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.maven.plugin.MojoExecutionException;

/** How the {@code consume} goal prints a record: one line each, keys, values and headers decoded as UTF-8. */
public enum ConsoleRecordFormat {

    /** The value alone, as Kafka's console consumer prints it; {@code null} for a null value. */
    VALUE {
        @Override
        public String format(ConsumerRecord<byte[], byte[]> record) {
            return text(record.value());
        }
    },

    /**
     * Everything on one line, the value last:
     * {@code partition=0 offset=5 timestamp=2026-11-25T13:46:36.123Z key=k1 headers=[h1=v1, h2=v2] value=hello}. The
     * timestamp is UTC (ISO-8601), {@code none} for a record without one.
     */
    FULL {
        @Override
        public String format(ConsumerRecord<byte[], byte[]> record) {
            StringJoiner headers = new StringJoiner(", ", "[", "]");
            for (Header header : record.headers()) {
                headers.add(header.key() + "=" + text(header.value()));
            }
            return "partition=" + record.partition() + " offset=" + record.offset()
                    + " timestamp=" + (record.timestamp() < 0 ? "none" : Instant.ofEpochMilli(record.timestamp()))
                    + " key=" + text(record.key()) + " headers=" + headers + " value=" + text(record.value());
        }
    };

    /** The record as one line. */
    public abstract String format(ConsumerRecord<byte[], byte[]> record);

    /**
     * The format named {@code value} or {@code full}, in any case.
     *
     * @throws MojoExecutionException naming the value and the formats there are
     */
    public static ConsoleRecordFormat parse(String name) throws MojoExecutionException {
        for (ConsoleRecordFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return format;
            }
        }
        throw new MojoExecutionException("Unknown format '" + name + "': use "
                + String.join(" or ", Arrays.stream(values()).map(f -> "'" + f.name().toLowerCase(Locale.ROOT) + "'")
                .toList()) + ", for example -Dkafka.testenv.format=full");
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
