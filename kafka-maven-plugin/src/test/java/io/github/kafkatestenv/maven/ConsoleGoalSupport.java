package io.github.kafkatestenv.maven;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** What the produce and consume goal tests share: configured goals, plain clients, captured streams and log. */
final class ConsoleGoalSupport {

    private ConsoleGoalSupport() {
    }

    /** The goal configured as Maven configures it from {@code -D} properties, with a log the test can read. */
    static <T extends Mojo> T goal(String goal, CapturingLog log, String... properties) throws Exception {
        Map<String, String> userProperties = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            userProperties.put(properties[i], properties[i + 1]);
        }
        T mojo = GoalHarness.configure(goal, "", userProperties);
        mojo.setLog(log);
        return mojo;
    }

    static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** Reads a topic from the beginning, with no group, until {@code count} records arrived or 30 s passed. */
    static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** A port nothing listens on (bound, then released: another process could take it, which is unlikely). */
    static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code action} with {@code input} as standard input, then puts the real one back. */
    static void withStdin(String input, ThrowingRunnable action) throws Exception {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            action.run();
        } finally {
            System.setIn(original);
        }
    }

    /** Runs {@code action} with standard output captured, then puts the real one back; returns what it printed. */
    static String capturingStdout(ThrowingRunnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A Maven log that keeps the INFO and DEBUG lines and can signal one. */
    static final class CapturingLog extends SystemStreamLog {
        final List<String> infos = new CopyOnWriteArrayList<>();
        final List<String> debugs = new CopyOnWriteArrayList<>();
        private final Predicate<String> awaited;
        final CountDownLatch seen = new CountDownLatch(1);

        CapturingLog() {
            this(line -> false);
        }

        /** Counts {@link #seen} down at the first DEBUG line that matches. */
        CapturingLog(Predicate<String> awaited) {
            this.awaited = awaited;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(CharSequence content) {
            debugs.add(content.toString());
            if (awaited.test(content.toString())) {
                seen.countDown();
            }
        }

        @Override
        public void info(CharSequence content) {
            infos.add(content.toString());
        }
    }
}
