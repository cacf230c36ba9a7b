package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.ConsoleClients;
import io.github.kafkatestenv.maven.internal.ConsoleRecordFormat;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the records of a topic, one line each, as Kafka's console consumer does, and exits when done: after
 * {@code maxMessages} records, or when no record has arrived for {@code timeout}. For example
 * {@code mvn kafka:consume -Dkafka.testenv.topic=orders -Dkafka.testenv.maxMessages=3 -Dkafka.testenv.format=full}.
 * Works against any
 * cluster, not only one this plugin started.
 *
 * <p>Records go to standard output (or {@code outputFile}), not to Maven's log, so {@code -q} keeps them and drops
 * the rest. Keys, values and headers are decoded as UTF-8. Without a {@code groupId} the goal reads every partition
 * directly and leaves no consumer group behind; with one it joins that group and commits what it printed.
 *
 * @since 0.1.0
 */
@Mojo(name = "consume", requiresProject = false, threadSafe = true)
public class ConsumeMojo extends ConsoleMojo {

    /** How many records a failure message lists at most. */
    private static final int SEEN_IN_MESSAGE = 20;

    /**
     * Read the records already in the topic first. Default true: in a test environment one mostly wants to see what
     * is there. False reads only records produced after the goal started. With a {@code groupId} that has committed
     * offsets, reading resumes from them either way, as Kafka's {@code auto.offset.reset} does.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.fromBeginning", defaultValue = "true")
    boolean fromBeginning;

    /**
     * Stop after this many records, at least 1. If {@code timeout} passes first, the goal fails and lists the
     * records it saw. Default: unset, read until no record arrives for {@code timeout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.maxMessages")
    Integer maxMessages;

    /**
     * Without {@code maxMessages}: exit once no record has arrived for this long, as the console consumer's
     * {@code --timeout-ms}. With {@code maxMessages}: how long all of them may take. Seconds ({@code 10}), a number
     * with a unit ({@code 500ms}, {@code 2m}) or an ISO-8601 duration ({@code PT10S}). Default 10 s.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.timeout", defaultValue = "10s")
    String timeout;

    /**
     * How each record is printed: {@code value} (the value alone, {@code null} for none) or {@code full}, one line
     * {@code partition=0 offset=5 timestamp=2026-11-25T13:46:36.123Z key=k1 headers=[h1=v1, h2=v2] value=hello}.
     * Default {@code value}, as Kafka's console consumer.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.format", defaultValue = "value")
    String format;

    /**
     * A consumer group to join, which then commits the offsets of the records printed (a second run goes on from
     * there). Default: unset, read every partition without a group, so that nothing is committed or left behind.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.groupId")
    String groupId;

    /**
     * Print the records into this file (UTF-8, replaced if it exists) instead of standard output. Default: standard
     * output.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.outputFile")
    File outputFile;

    /**
     * Any other consumer configuration, each {@code key=value}, over the goal's own and over
     * {@code clientProperties}: security settings,
     * {@code isolation.level=read_committed}. In a pom one {@code <consumerProperty>key=value</consumerProperty>}
     * each. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.consumerProperties")
    List<String> consumerProperties = new ArrayList<>();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String topicName = topic("consume");
        Map<String, String> owned = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "use -Dkafka.testenv.bootstrap.servers",
                ConsumerConfig.GROUP_ID_CONFIG, "use -Dkafka.testenv.groupId",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "use -Dkafka.testenv.fromBeginning",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "the goal commits what it printed when it has a groupId",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "keys are printed as UTF-8 text",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "values are printed as UTF-8 text");
        Connection connection = connection("consume", owned.keySet());
        String servers = connection.bootstrapServers();
        Duration wait = timeout(timeout);
        ConsoleRecordFormat recordFormat = ConsoleRecordFormat.parse(format);
        if (maxMessages != null && maxMessages < 1) {
            throw new MojoExecutionException("Invalid maxMessages " + maxMessages + ": give at least 1, or leave it"
                    + " unset to read until no record arrives for the timeout");
        }
        String group = groupId == null || groupId.isBlank() ? null : groupId.trim();
        Map<String, String> consumerSettings = ConsoleClients.parseKeyValues("consumerProperties",
                consumerProperties, "isolation.level=read_committed");
        ConsoleClients.rejectOwnProperties("consumerProperties", consumerSettings, owned);
        Map<String, String> userProperties = connection.settingsWith(consumerSettings);

        ConsoleClients.quietKafkaLogging();
        Set<String> topics = ConsoleClients.listTopics(servers, userProperties, wait);
        if (!topics.contains(topicName) && ConsoleClients.secured(userProperties)) {
            // An authorizer leaves out of the list the topics the client's user may not describe.
            throw new MojoExecutionException("Topic " + topicName + " is not among the topics this client may see at "
                    + servers + " (" + (topics.isEmpty() ? "it sees none" : "it sees " + String.join(", ", topics))
                    + "). Check the name, create the topic (parameter topics of kafka:start or kafka:run), or check"
                    + " that"
                    + " a grant lets the client's user read it");
        }
        if (!topics.contains(topicName)) {
            throw new MojoExecutionException("Topic " + topicName + " does not exist at " + servers + "; "
                    + (topics.isEmpty() ? "the cluster has no topics" : "its topics are " + String.join(", ", topics))
                    + ". Check the name, or create the topic (parameter topics of kafka:start or kafka:run)");
        }
        KafkaConsumer<byte[], byte[]> consumer = ConsoleClients.createClient(servers,
                () -> new KafkaConsumer<>(config(servers, group, wait, userProperties)));
        PrintStream out;
        try {
            out = open(); // after the consumer: a consumer that cannot be made leaves the output file as it was
        } catch (MojoExecutionException | RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
        List<String> seen = new ArrayList<>();
        int consumed;
        try {
            start(consumer, topicName, group, wait);
            consumed = consume(consumer, group, wait, recordFormat, out, seen);
        } catch (InterruptException e) {
            throw new MojoExecutionException("Interrupted while consuming " + topicName, e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw ConsoleClients.unreachable(servers, wait, e);
        } catch (KafkaException e) {
            throw new MojoExecutionException("Cannot consume " + topicName + " at " + servers + ": " + e
                    + ". Check the consumer properties and the cluster's log", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                if (outputFile != null) {
                    out.close();
                } else {
                    out.flush(); // System.out stays open
                }
            }
        }
        if (maxMessages != null && consumed < maxMessages) {
            throw new MojoFailureException("Consumed " + consumed + " of " + maxMessages + " records from " + topicName
                    + " within " + ConsoleClients.describe(wait) + " at " + servers + describeSeen(seen, consumed));
        }
        getLog().info("Consumed " + ConsoleClients.records(consumed) + " from " + topicName + " at " + servers
                + (group == null ? "" : " in group " + group));
    }

    /** Subscribes in the group, or assigns every partition and fixes where reading starts. */
    private void start(KafkaConsumer<byte[], byte[]> consumer, String topicName, String group, Duration wait) {
        if (group != null) {
            consumer.subscribe(List.of(topicName));
            getLog().debug("Reading " + topicName + " in group " + group);
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo partition : consumer.partitionsFor(topicName, wait)) {
            partitions.add(new TopicPartition(topicName, partition.partition()));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // Looks the offsets up now, so that "from the end" means from when the goal started, not from the first poll.
        Map<Integer, Long> offsets = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            offsets.put(partition.partition(), consumer.position(partition, wait));
        }
        getLog().debug("Reading " + topicName + " from offsets " + offsets);
    }

    /** Polls and prints until done; returns how many records were printed. */
    private int consume(KafkaConsumer<byte[], byte[]> consumer, String group, Duration wait,
                        ConsoleRecordFormat recordFormat, PrintStream out, List<String> seen) {
        int consumed = 0;
        long deadline = System.nanoTime() + wait.toNanos();
        while (maxMessages == null || consumed < maxMessages) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(remaining));
            Map<TopicPartition, OffsetAndMetadata> printed = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (maxMessages != null && consumed == maxMessages) {
                    break;
                }
                String line = recordFormat.format(record);
                out.println(line);
                consumed++;
                if (seen.size() < SEEN_IN_MESSAGE) {
                    seen.add(line);
                }
                printed.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            out.flush();
            if (group != null && !printed.isEmpty()) {
                consumer.commitSync(printed, wait);
            }
            if (maxMessages == null && !records.isEmpty()) {
                deadline = System.nanoTime() + wait.toNanos(); // idle timeout: wait again from the last record
            }
        }
        return consumed;
    }

    private Properties config(String servers, String group, Duration wait, Map<String, String> userProperties) {
        int millis = (int) Math.min(Integer.MAX_VALUE, wait.toMillis());
        Properties config = new Properties();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, ConsoleClients.clientId("consume"));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        config.putAll(userProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /** The output file, or standard output as UTF-8. */
    private PrintStream open() throws MojoExecutionException {
        if (outputFile == null) {
            return new PrintStream(System.out, false, StandardCharsets.UTF_8);
        }
        Path path = outputFile.toPath().toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            return new PrintStream(Files.newOutputStream(path), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the output file " + path + ": " + e
                    + ". Give a writable path with -Dkafka.testenv.outputFile, or leave it unset to print to standard"
                    + " output",
                    e);
        }
    }

    private String describeSeen(List<String> seen, int consumed) {
        if (consumed == 0) {
            return "; none arrived. Check that something produces to it"
                    + (fromBeginning ? "" : " (fromBeginning is false: only records produced after the goal started"
                    + " count)") + ", or raise -Dkafka.testenv.timeout";
        }
        StringBuilder message = new StringBuilder("; they were:");
        for (String line : seen) {
            message.append("\n  ").append(line);
        }
        if (consumed > seen.size()) {
            message.append("\n  ... and ").append(consumed - seen.size()).append(" more");
        }
        return message.toString();
    }
}
