package io.github.kafkatestenv.examples.microservices;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A service that reads one topic and writes another, in a loop on a thread of its own: poll, process each record,
 * send the results keyed by the same order id, wait for the broker's acknowledgements, then commit. A record that
 * cannot be processed goes to the dead-letter topic with the reason in the {@value #REASON_HEADER} header, and the
 * loop goes on.
 *
 * <p><b>Delivery.</b> At least once, with no duplicates from retries: the producer is idempotent with
 * {@code acks=all}, and offsets are committed only after every result of the batch is acknowledged. Keys are kept,
 * so all events of an order go to one partition of each topic and keep their order.
 *
 * <p><b>Lifetime.</b> {@link #start()} starts the loop; {@link #close()} lets the current batch finish, commits it,
 * and closes the clients. The consumer group is the service's name: a new instance resumes where the last one
 * committed.
 */
public abstract class Service implements AutoCloseable {

    /** The header of a dead-lettered record that says why it could not be processed. */
    public static final String REASON_HEADER = "dead-letter.reason";

    /** The header of a dead-lettered record that says where it came from: {@code topic-partition@offset}. */
    public static final String SOURCE_HEADER = "dead-letter.source";

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String inputTopic;
    private final String outputTopic;
    private final String deadLetterTopic;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param name             the consumer group and the thread's name, for example {@code payments}
     * @param bootstrapServers the cluster
     * @param inputTopic       where the service reads
     * @param outputTopic      where it writes what {@link #process} returns
     * @param deadLetterTopic  where records go that cannot be processed
     */
    protected Service(String name, String bootstrapServers, String inputTopic, String outputTopic,
                      String deadLetterTopic) {
        this.name = name;
        this.inputTopic = inputTopic;
        this.outputTopic = outputTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, name,
                ConsumerConfig.CLIENT_ID_CONFIG, name + "-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, name + "-producer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::run, name);
    }

    /**
     * What the service makes of one valid event of order {@code orderId}: the values to send to the output topic,
     * keyed by the same order id, in this order.
     *
     * @throws InvalidMessageException if the event makes no sense to this service (it is dead-lettered)
     */
    protected abstract List<String> process(String orderId, OrderEvent event) throws InvalidMessageException;

    /** Starts the loop on a thread named after the service. */
    public void start() {
        thread.start();
    }

    /** The exception that ended the loop, or {@code null} while it runs or if it ended by {@link #close()}. */
    public Exception failure() {
        return failure;
    }

    /**
     * Waits up to {@code timeout} for the loop to end, by a failure or {@link #close()}.
     *
     * @return whether it ended
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    /** Lets the current batch finish and commit, then closes the clients; waits up to 30 s for that. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            closeClients();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(inputTopic));
            while (running) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                    try {
                        if (record.key() == null) {
                            throw new InvalidMessageException("the record has no key: every event needs its order id");
                        }
                        for (String value : process(record.key(), OrderEvent.parse(record.value()))) {
                            sent.add(producer.send(new ProducerRecord<>(outputTopic, record.key(), value)));
                        }
                    } catch (InvalidMessageException e) {
                        sent.add(producer.send(deadLetter(record, e.getMessage())));
                    }
                }
                for (Future<RecordMetadata> result : sent) {
                    result.get();
                }
                consumer.commitSync();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (ExecutionException e) {
            failure = new IllegalStateException(name + " could not send a record, nothing of the batch was committed",
                    e.getCause());
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            closeClients();
        }
    }

    private ProducerRecord<String, String> deadLetter(ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> deadLetter = new ProducerRecord<>(deadLetterTopic, record.key(),
                record.value());
        deadLetter.headers().add(REASON_HEADER, (name + ": " + reason).getBytes(StandardCharsets.UTF_8));
        deadLetter.headers().add(SOURCE_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return deadLetter;
    }

    private void closeClients() {
        try {
            consumer.close(CLOSE_TIMEOUT);
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }
}
