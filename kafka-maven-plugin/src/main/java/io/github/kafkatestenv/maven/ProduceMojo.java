package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.ConsoleClients;
import io.github.kafkatestenv.maven.internal.ConsoleLineReader;
import io.github.kafkatestenv.maven.internal.ConsoleLineReader.Line;
import io.github.kafkatestenv.maven.internal.ConsoleLineReader.MalformedLineException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Sends lines to a topic, one record per line, as Kafka's console producer does: from standard input or a file, with
 * optional keys and headers, to any cluster. For example
 * {@code echo hello | mvn kafka:produce -Dkafka.testenv.topic=orders}, or with keys
 * {@code mvn kafka:produce -Dkafka.testenv.topic=orders -Dkafka.testenv.file=orders.txt
 * -Dkafka.testenv.keySeparator=:}.
 *
 * <p>Every line is a record, an empty line too (an empty value), as in Kafka's console producer. Keys, values and
 * headers are sent as UTF-8. A topic that does not exist is left to the broker, as Kafka's console producer leaves
 * it: a broker with {@code auto.create.topics.enable} (Kafka's default) creates it with its default partition count;
 * otherwise the sends fail after {@code timeout}. The goal waits for every acknowledgement, says how many records
 * were acknowledged, and fails the build if any send failed.
 *
 * @since 0.1.0
 */
@Mojo(name = "produce", requiresProject = false, threadSafe = true)
public class ProduceMojo extends ConsoleMojo {

    /**
     * The file to read lines from, as UTF-8. Default: standard input, until it ends (Ctrl-D on a terminal).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.file")
    File file;

    /**
     * When set, each line is {@code key<keySeparator>value}, split at the first separator; a line without it fails
     * the goal, naming the line (as in Kafka's console producer). {@code \t} means a tab. Default: unset, the whole
     * line is the value and records have no key.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.keySeparator")
    String keySeparator;

    /**
     * Read headers at the start of each line, as Kafka's console producer's {@code parse.headers}:
     * {@code h1:v1,h2:v2<headersDelimiter>key<keySeparator>value}. A line without the delimiter fails the goal; an
     * empty header list before it means no headers. Default false.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.parseHeaders", defaultValue = "false")
    boolean parseHeaders;

    /**
     * With {@code parseHeaders}, what ends the headers on a line. {@code \t} means a tab. Default a tab, as in
     * Kafka's console producer.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.headersDelimiter", defaultValue = "\\t")
    String headersDelimiter;

    /**
     * With {@code parseHeaders}, what separates one header from the next. Default {@code ,}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.headersSeparator", defaultValue = ",")
    String headersSeparator;

    /**
     * With {@code parseHeaders}, what separates a header's name from its value. Default {@code :}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.headersKeySeparator", defaultValue = ":")
    String headersKeySeparator;

    /**
     * Headers for every record, each {@code name=value}: {@code -Dkafka.testenv.headers=source=cli,env=dev}, or in a
     * pom one
     * {@code <header>name=value</header>} each. They come after the headers parsed from the line. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.headers")
    List<String> headers = new ArrayList<>();

    /**
     * The producer's {@code acks}: {@code all} (every in-sync replica has the record), {@code 1} (the leader) or
     * {@code 0} (no acknowledgement: a record counts as acknowledged once it is sent). Default {@code all}, Kafka's
     * own.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.acks", defaultValue = "all")
    String acks;

    /**
     * Any other producer configuration, each {@code key=value}, over the goal's own and over
     * {@code clientProperties}: security settings, {@code compression.type=zstd}, {@code linger.ms=5}. In a pom one
     * {@code <producerProperty>key=value</producerProperty>} each. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.producerProperties")
    List<String> producerProperties = new ArrayList<>();

    /**
     * How long to wait for the cluster and for each acknowledgement before failing: seconds ({@code 30}), a number
     * with a unit ({@code 500ms}, {@code 2m}) or an ISO-8601 duration ({@code PT30S}). It sets the producer's
     * {@code max.block.ms} and {@code delivery.timeout.ms}. Default 30 s, long enough for a cluster under load, short
     * enough that a wrong address fails soon.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.timeout", defaultValue = "30s")
    String timeout;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String topicName = topic("produce");
        Map<String, String> owned = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "use -Dkafka.testenv.bootstrap.servers",
                ProducerConfig.ACKS_CONFIG, "use -Dkafka.testenv.acks",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "keys are sent as UTF-8 text",
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "values are sent as UTF-8 text");
        Connection connection = connection("produce", owned.keySet());
        String servers = connection.bootstrapServers();
        Duration wait = timeout(timeout);
        Map<String, String> constantHeaders = ConsoleClients.parseKeyValues("headers", headers, "source=cli");
        Map<String, String> producerSettings = ConsoleClients.parseKeyValues("producerProperties",
                producerProperties, "compression.type=zstd");
        ConsoleClients.rejectOwnProperties("producerProperties", producerSettings, owned);
        Map<String, String> userProperties = connection.settingsWith(producerSettings);
        checkSeparators();
        if (file != null && !Files.isRegularFile(file.toPath())) {
            throw new MojoExecutionException("Cannot read the file " + file + ": it does not exist or is not a file."
                    + " Give an existing file with -Dkafka.testenv.file=path, or leave it unset to read standard"
                    + " input");
        }

        ConsoleClients.quietKafkaLogging();
        Set<String> topics = ConsoleClients.listTopics(servers, userProperties, wait);
        if (!topics.contains(topicName) && ConsoleClients.secured(userProperties)) {
            getLog().info("Topic " + topicName + " is not among the topics this client may see at " + servers
                    + ": if it does not exist, the broker creates it if its auto.create.topics.enable is true (Kafka's"
                    + " default) and the client's user may create it; else the sends fail");
        } else if (!topics.contains(topicName)) {
            getLog().info("Topic " + topicName + " does not exist at " + servers + ": the broker creates it if its"
                    + " auto.create.topics.enable is true (Kafka's default), else the sends fail");
        }
        long started = System.nanoTime();
        Sent sent = new Sent();
        KafkaProducer<byte[], byte[]> producer = ConsoleClients.createClient(servers,
                () -> new KafkaProducer<>(config(servers, wait, userProperties)));
        Reader input = null;
        try {
            input = file != null
                    ? Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)
                    : new InputStreamReader(System.in, StandardCharsets.UTF_8); // never closed: not ours
            ConsoleLineReader lines = new ConsoleLineReader(new BufferedReader(input), separator(keySeparator),
                    parseHeaders ? separator(headersDelimiter) : null, headersSeparator, headersKeySeparator,
                    constantHeaders);
            for (Line line = lines.next(); line != null; line = lines.next()) {
                send(producer, topicName, line, sent);
            }
            producer.flush();
        } catch (MalformedLineException e) {
            producer.flush();
            throw new MojoExecutionException(e.getMessage() + ". " + howToWriteLines() + " Records acknowledged"
                    + " before that line: " + sent.acknowledged.get(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + (file != null ? file : "standard input") + ": " + e, e);
        } catch (InterruptedException | InterruptException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted after sending " + ConsoleClients.records(sent.count)
                    + " to " + topicName, e);
        } finally {
            producer.close(Duration.ofSeconds(5));
            if (input != null && file != null) {
                try {
                    input.close();
                } catch (IOException e) {
                    getLog().debug("Cannot close " + file + ": " + e);
                }
            }
        }
        report(topicName, servers, wait, sent, System.nanoTime() - started);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String topicName, Line line, Sent sent)
            throws MojoExecutionException, InterruptedException {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topicName, null, line.key(), line.value(), line.headers());
        AtomicReference<Exception> failedAtOnce = new AtomicReference<>();
        Future<RecordMetadata> result;
        try {
            result = producer.send(record, (metadata, error) -> {
                if (error == null) {
                    sent.acknowledged.incrementAndGet();
                } else {
                    sent.failed.incrementAndGet();
                    sent.firstError.compareAndSet(null, error);
                    failedAtOnce.set(error);
                }
            });
            sent.count++;
        } catch (KafkaException e) {
            throw new MojoExecutionException("Cannot send line " + line.number() + " to " + topicName + ": " + e, e);
        }
        // send() waits up to max.block.ms for the topic's metadata and fails at once when it does not come: the topic
        // is missing and the broker did not create it. Every further line would wait as long, so stop here.
        if (result.isDone() && failedAtOnce.get() instanceof org.apache.kafka.common.errors.TimeoutException) {
            throw new MojoExecutionException("Cannot send line " + line.number() + " to " + topicName + ": "
                    + failedAtOnce.get().getMessage() + " Create the topic first (parameter topics of kafka:start or"
                    + " kafka:run), or let the broker create it (auto.create.topics.enable=true)", failedAtOnce.get());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private void report(String topicName, String servers, Duration wait, Sent sent, long nanos)
            throws MojoFailureException {
        if (sent.failed.get() > 0) {
            Throwable error = sent.firstError.get();
            throw new MojoFailureException(sent.failed.get() + " of " + ConsoleClients.records(sent.count) + " to "
                    + topicName + " at " + servers + " failed within " + ConsoleClients.describe(wait)
                    + "; the first error: " + error + (error instanceof org.apache.kafka.common.errors.TimeoutException
                    ? ". Check that the brokers are up and the topic has a leader, or raise -Dkafka.testenv.timeout"
                    : ""),
                    error);
        }
        getLog().info(String.format(Locale.ROOT, "Produced %s to %s at %s (%d acknowledged) in %.1f s",
                ConsoleClients.records(sent.count), topicName, servers, sent.acknowledged.get(), nanos / 1e9));
    }

    private Properties config(String servers, Duration wait, Map<String, String> userProperties) {
        int millis = (int) Math.min(Integer.MAX_VALUE, wait.toMillis());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, ConsoleClients.clientId("produce"));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis); // at least request.timeout.ms, as Kafka asks
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(userProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(ProducerConfig.ACKS_CONFIG, acks == null ? "all" : acks.trim());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    private void checkSeparators() throws MojoExecutionException {
        if (!parseHeaders) {
            return;
        }
        Map<String, String> separators = new LinkedHashMap<>();
        separators.put("headersDelimiter", headersDelimiter);
        separators.put("headersSeparator", headersSeparator);
        separators.put("headersKeySeparator", headersKeySeparator);
        for (Map.Entry<String, String> entry : separators.entrySet()) {
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw new MojoExecutionException("parseHeaders needs a " + entry.getKey() + ", but it is empty: give"
                        + " one with -Dkafka.testenv." + entry.getKey() + "=..., or leave it unset for its default");
            }
        }
        if (separator(headersDelimiter).equals(separator(keySeparator))) {
            throw new MojoExecutionException("headersDelimiter and keySeparator are both "
                    + ConsoleClients.show(separator(keySeparator)) + ": a line could not say where the headers end."
                    + " Give them different values, e.g. -Dkafka.testenv.keySeparator=:");
        }
    }

    private String howToWriteLines() {
        String headerPart = parseHeaders ? "h1" + ConsoleClients.escape(headersKeySeparator) + "v1"
                + ConsoleClients.escape(headersSeparator) + "h2" + ConsoleClients.escape(headersKeySeparator) + "v2"
                + ConsoleClients.escape(separator(headersDelimiter)) : "";
        String recordPart = separator(keySeparator) != null
                ? "key" + ConsoleClients.escape(separator(keySeparator)) + "value" : "value";
        return "Write every line as " + headerPart + recordPart
                + ", or change the separators (keySeparator, parseHeaders).";
    }

    /** A separator as configured, {@code \t} meaning a tab; null when unset. */
    private static String separator(String configured) {
        return configured == null || configured.isEmpty() ? null : ConsoleClients.unescape(configured);
    }

    /** What became of the sends. */
    private static final class Sent {
        long count;
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();
    }
}
