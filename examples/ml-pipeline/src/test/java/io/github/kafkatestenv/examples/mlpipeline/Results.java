package io.github.kafkatestenv.examples.mlpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkatestenv.junit.Records;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The results of a test's requests as a {@code read_committed} reader sees them: the topic is read from the
 * beginning (earlier tests' results are skipped), and every result of a request is kept, so a duplicate shows.
 */
final class Results {

    private final Consumer<String, String> reader;
    private final List<TopicPartition> partitions;
    private final Duration timeout;
    private final Map<String, List<ConsumerRecord<String, String>>> byRequest = new HashMap<>();

    /** @param reader a consumer with {@code isolation.level=read_committed}, not subscribed to anything */
    Results(Consumer<String, String> reader, String topic, Collection<String> requestIds, Duration timeout) {
        this.reader = reader;
        this.timeout = timeout;
        this.partitions = reader.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
        requestIds.forEach(id -> byRequest.put(id, new ArrayList<>()));
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /** Reads until at least {@code count} of the requests have a result; returns how many have one. */
    long awaitAnswered(int count) {
        Instant deadline = Instant.now().plus(timeout);
        while (answered() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Expected " + count + " of " + byRequest.size() + " requests to have a "
                        + "result within " + timeout + ", but " + answered() + " have");
            }
            pollOnce();
        }
        return answered();
    }

    private void readToEnd() {
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(partition -> reader.position(partition) < ends.get(partition))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Could not read the results to their end " + ends + " within " + timeout);
            }
            pollOnce();
        }
    }

    /**
     * Waits until every request has a result and the workers' group has committed every request, reads to the end,
     * asserts that every request has exactly one result, and returns them by request id.
     */
    Map<String, List<ConsumerRecord<String, String>>> awaitEachAnsweredOnce(String bootstrapServers,
                                                                          String requestsTopic) throws Exception {
        awaitAnswered(byRequest.size());
        Records.awaitConsumed(bootstrapServers, Worker.GROUP, requestsTopic, timeout);
        readToEnd();
        assertExactlyOnePerRequest();
        return byRequest;
    }

    private void assertExactlyOnePerRequest() {
        Map<Integer, Long> requestsByResultCount = new TreeMap<>(byRequest.values().stream()
                .collect(Collectors.groupingBy(List::size, Collectors.counting())));
        assertEquals(Map.of(1, (long) byRequest.size()), requestsByResultCount,
                "requests by number of results (0 = lost, 2 or more = duplicated)");
    }

    /** The workers that made the results. */
    Set<String> workers() {
        return byRequest.values().stream().flatMap(List::stream)
                .map(result -> new String(result.headers().lastHeader(Worker.WORKER_HEADER).value(),
                        StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    /** How many of the requests have a result so far. */
    long answered() {
        return byRequest.values().stream().filter(results -> !results.isEmpty()).count();
    }

    private void pollOnce() {
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
            List<ConsumerRecord<String, String>> results = byRequest.get(record.key());
            if (results != null) {
                results.add(record);
            }
        }
    }
}
