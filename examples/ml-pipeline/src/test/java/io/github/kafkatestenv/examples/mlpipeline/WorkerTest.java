package io.github.kafkatestenv.examples.mlpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Workers under stress, on the shared cluster: a model slower than the poll interval allows for a whole queue, a
 * worker stopped mid-stream and started again, and two workers sharing the group. In each, every request gets
 * exactly one result.
 */
@IrisKafka
class WorkerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A poll interval no model call here comes near. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(30);
    /** A slow model: 12 queued requests take 3.6 s, more than {@link #SHORT_POLL_INTERVAL}. */
    private static final Duration SLOW_MODEL = Duration.ofMillis(300);
    private static final Duration SHORT_POLL_INTERVAL = Duration.ofSeconds(2);
    /** Slow enough that a stop lands in the model, fast enough for 60 requests. */
    private static final Duration RESTART_MODEL = Duration.ofMillis(50);
    private static final Duration SHARING_MODEL = Duration.ofMillis(100);
    private static final Duration POLL_STEP = Duration.ofMillis(20);

    @BootstrapServers
    String bootstrapServers;
    @KafkaClient(properties = "isolation.level=read_committed")
    Consumer<String, String> reader;
    private final Topics topics;

    WorkerTest(@TopicName("species-requests") String requests, @TopicName("species-results") String results) {
        this.topics = new Topics(requests, results);
    }

    @Test
    void answersEveryQueuedRequestWhenTheQueueTakesLongerThanThePollInterval() throws Exception {
        List<String> requestIds = queue(40, 52);

        try (Worker worker = new Worker(bootstrapServers, topics, "slow-1", new SpeciesModel(SLOW_MODEL),
                SHORT_POLL_INTERVAL)) {
            worker.start();
            Results collected = new Results(reader, topics.results(), requestIds, TIMEOUT);
            collected.awaitEachAnsweredOnce(bootstrapServers, topics.requests());
            assertNull(worker.failure(), "the worker stopped on its own");
        }
    }

    @Test
    void resumesFromCommittedOffsetsAfterARestart() throws Exception {
        List<String> requestIds = queue(0, 60);
        SpeciesModel model = new SpeciesModel(RESTART_MODEL);
        Results collected = new Results(reader, topics.results(), requestIds, TIMEOUT);

        try (Worker first = new Worker(bootstrapServers, topics, "restarting-1", model, POLL_INTERVAL)) {
            first.start();
            collected.awaitAnswered(10);
        }                                                           // stopped mid-stream, a request in the model
        long answeredBeforeRestart = collected.answered();
        assertTrue(answeredBeforeRestart < requestIds.size(), "the first worker answered everything already");

        try (Worker restarted = new Worker(bootstrapServers, topics, "restarting-1", model, POLL_INTERVAL)) {
            restarted.start();
            collected.awaitEachAnsweredOnce(bootstrapServers, topics.requests());
            assertNull(restarted.failure(), "the restarted worker stopped on its own");
        }
    }

    @Test
    void twoWorkersShareThePartitionsAndBothAnswer() throws Exception {
        SpeciesModel model = new SpeciesModel(SHARING_MODEL);

        try (Worker a = new Worker(bootstrapServers, topics, "sharing-a", model, POLL_INTERVAL);
             Worker b = new Worker(bootstrapServers, topics, "sharing-b", model, POLL_INTERVAL)) {
            a.start();
            b.start();
            awaitBothAssigned(a, b);                                // else one may answer all before the other joins
            List<String> requestIds = queue(60, 100);
            Results collected = new Results(reader, topics.results(), requestIds, TIMEOUT);
            collected.awaitEachAnsweredOnce(bootstrapServers, topics.requests());
            assertEquals(Set.of("sharing-a", "sharing-b"), collected.workers(), "the workers that answered");

            assertFalse(a.assignment().isEmpty(), "worker a has no partition");
            assertFalse(b.assignment().isEmpty(), "worker b has no partition");
            Set<TopicPartition> both = new HashSet<>(a.assignment());
            both.addAll(b.assignment());
            assertEquals(a.assignment().size() + b.assignment().size(), both.size(),
                    "a partition assigned to both: " + a.assignment() + " and " + b.assignment());
            assertEquals(4, both.size(), "the requests' partitions");
            assertNull(a.failure(), "worker a stopped on its own");
            assertNull(b.failure(), "worker b stopped on its own");
        }
    }

    /** Waits until the group has given each worker some of the requests' partitions. */
    private static void awaitBothAssigned(Worker a, Worker b) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (a.assignment().isEmpty() || b.assignment().isEmpty()) {
            assertNull(a.failure(), "worker a stopped on its own");
            assertNull(b.failure(), "worker b stopped on its own");
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The group did not give both workers partitions within " + TIMEOUT + ": "
                        + a.assignment() + " and " + b.assignment());
            }
            LockSupport.parkNanos(POLL_STEP.toNanos());
        }
    }

    /** Queues flowers {@code from} to {@code to} (exclusive) of the data through the front; returns the request ids. */
    private List<String> queue(int from, int to) throws Exception {
        List<String> requestIds = new ArrayList<>();
        try (Front front = new Front(bootstrapServers, topics)) {
            for (Sample flower : SpeciesModel.dataset().subList(from, to)) {
                requestIds.add(front.submit(flower.measurements()));
            }
        }
        return requestIds;
    }
}
