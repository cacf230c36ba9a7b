package io.github.kafkatestenv.examples.mlpipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A worker of the pipeline: takes one request at a time from the requests topic, asks the model, and writes the
 * result keyed by the request id, with the {@value #WORKER_HEADER} header naming the worker. Workers share the
 * requests' partitions through the consumer group {@value #GROUP}.
 *
 * <p><b>Exactly once.</b> The result and the request's offset are committed in one transaction (transactional id =
 * the worker id), so a reader with {@code isolation.level=read_committed} sees exactly one result per request,
 * whatever stops or rebalances happen in between. A request whose measurements make no sense gets an
 * {@code error=...} result.
 *
 * <p><b>A slow model.</b> One request per poll ({@code max.poll.records=1}): the time between polls is one model
 * call, which must stay under {@code maxPollInterval}, however many requests are queued.
 *
 * <p><b>Lifetime.</b> {@link #start()} starts the loop on a thread named after the worker; {@link #close()} stops it
 * at once: a request in the model is abandoned, its transaction aborted, and it is answered after the restart (by
 * this worker id or another worker of the group).
 */
public final class Worker implements AutoCloseable {

    /** The consumer group of all workers. */
    public static final String GROUP = "species-workers";

    /** The header of a result that names the worker that made it. */
    public static final String WORKER_HEADER = "worker";

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String workerId;
    private final Topics topics;
    private final SpeciesModel model;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Exception failure;

    /**
     * @param workerId        the transactional id: a restarted worker takes its old id, so that it fences the old
     *                        instance and aborts what that left open
     * @param maxPollInterval the longest one model call may take before the group gives the worker's partitions
     *                        to another worker
     */
    public Worker(String bootstrapServers, Topics topics, String workerId, SpeciesModel model,
                  Duration maxPollInterval) {
        this.workerId = workerId;
        this.topics = topics;
        this.model = model;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, workerId + "-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1",
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Math.toIntExact(maxPollInterval.toMillis())),
                new StringDeserializer(), new StringDeserializer());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, workerId + "-producer",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, workerId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::run, workerId);
    }

    /** Starts the loop. */
    public void start() {
        thread.start();
    }

    /** The requests' partitions this worker has now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** The exception that ended the loop, or {@code null} while it runs or if it ended by {@link #close()}. */
    public Exception failure() {
        return failure;
    }

    /** Stops at once, abandoning the request in progress (it is not committed), and closes the clients. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            closeClients(false);
        }
    }

    private void run() {
        boolean inTransaction = false;
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(topics.requests()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
                    kept.removeAll(partitions);
                    assignment = Set.copyOf(kept);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignment = Set.copyOf(consumer.assignment());
                }
            });
            while (running) {
                ConsumerRecords<String, String> requests = consumer.poll(POLL_TIMEOUT);
                if (requests.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                inTransaction = true;
                try {
                    for (ConsumerRecord<String, String> request : requests) {
                        producer.send(result(request.key(), answer(request.value())));
                    }
                    producer.sendOffsetsToTransaction(nextOffsets(requests), consumer.groupMetadata());
                    producer.commitTransaction();
                    inTransaction = false;
                } catch (ProducerFencedException | OutOfOrderSequenceException e) {
                    throw e;                                        // fatal: another instance took over
                } catch (KafkaException e) {
                    if (e instanceof InterruptException) {
                        throw e;
                    }
                    // e.g. the group moved on (poll interval passed): undo, and read the batch again
                    producer.abortTransaction();
                    inTransaction = false;
                    rewind(requests);
                }
            }
        } catch (InterruptedException | InterruptException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            Thread.interrupted();                                   // let the clients close cleanly
            closeClients(inTransaction);
        }
    }

    private String answer(String request) throws InterruptedException {
        double[] measurements;
        try {
            measurements = Measurements.parse(request);
        } catch (IllegalArgumentException e) {
            return "error=" + e.getMessage();
        }
        return model.predict(measurements).format();
    }

    private ProducerRecord<String, String> result(String requestId, String value) {
        ProducerRecord<String, String> result = new ProducerRecord<>(topics.results(), requestId, value);
        result.headers().add(WORKER_HEADER, workerId.getBytes(StandardCharsets.UTF_8));
        return result;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<String, String> records) {
        Set<TopicPartition> still = new HashSet<>(consumer.assignment());
        for (TopicPartition partition : records.partitions()) {
            if (still.contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void closeClients(boolean inTransaction) {
        try {
            if (inTransaction) {
                producer.abortTransaction();
            }
        } catch (KafkaException e) {
            // the next instance with this id aborts it when it starts
        } finally {
            try {
                consumer.close(CLOSE_TIMEOUT);
            } finally {
                producer.close(CLOSE_TIMEOUT);
            }
        }
    }
}
