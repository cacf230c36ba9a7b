package io.github.kafkatestenv.examples.oldclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.junit.BootstrapServers;
import io.github.kafkatestenv.junit.Records;
import io.github.kafkatestenv.junit.TopicName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * The ledger's round trip on kafka-clients 2.8: keyed produce, consume in a group, commit. Each subclass runs it
 * against another cluster, declared with its own {@code @EmbeddedKafka}.
 */
abstract class LedgerRoundTrip {

    static final String LEDGER = "ledger";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void runsOnTheApplicationsKafkaClients28() {
        assertTrue(AppInfoParser.getVersion().startsWith("2.8."),
                "the test class path should have the application's kafka-clients 2.8.x, but has "
                        + AppInfoParser.getVersion());
    }

    @Test
    void keepsAnAccountsEntriesInOnePartitionInOrder(@BootstrapServers String servers,
                                                     @TopicName(LEDGER) String ledger) throws Exception {
        String account = unique("carol");
        List<RecordMetadata> written = new ArrayList<>();
        try (LedgerWriter writer = new LedgerWriter(servers, ledger)) {
            for (long amount : new long[] {500, -120, 80, -60, 25, -5}) {
                written.add(writer.append(account, amount, TIMEOUT));
            }
        }

        assertEquals(1, written.stream().map(RecordMetadata::partition).distinct().count(),
                "partitions of " + account + "'s entries: " + written);
        for (int i = 1; i < written.size(); i++) {
            assertTrue(written.get(i).offset() > written.get(i - 1).offset(), "offsets out of order: " + written);
        }
    }

    @Test
    void projectsBalancesAndCommitsWhatItApplied(@BootstrapServers String servers,
                                                 @TopicName(LEDGER) String ledger) throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String group = unique("balances");
        try (LedgerWriter writer = new LedgerWriter(servers, ledger);
             BalanceProjector projector = new BalanceProjector(servers, ledger, group)) {
            writer.append(alice, 10_000, TIMEOUT);
            writer.append(bob, 2_500, TIMEOUT);
            writer.append(alice, -3_000, TIMEOUT);

            assertEquals(Map.of(alice, 7_000L, bob, 2_500L), awaitBalances(projector, Map.of(alice, 7_000L, bob,
                    2_500L)));
        }
        Records.awaitConsumed(servers, group, ledger, TIMEOUT);
    }

    @Test
    void aNewProjectorInTheGroupResumesFromTheCommittedOffsets(@BootstrapServers String servers,
                                                               @TopicName(LEDGER) String ledger) throws Exception {
        String dave = unique("dave");
        String group = unique("balances");
        try (LedgerWriter writer = new LedgerWriter(servers, ledger)) {
            writer.append(dave, 4_000, TIMEOUT);
            try (BalanceProjector first = new BalanceProjector(servers, ledger, group)) {
                awaitBalances(first, Map.of(dave, 4_000L));
            }
            writer.append(dave, -1_500, TIMEOUT);
            try (BalanceProjector second = new BalanceProjector(servers, ledger, group)) {
                // it sees only what came after the first one's commits: the -1,500 alone
                assertEquals(Map.of(dave, -1_500L), awaitBalances(second, Map.of(dave, -1_500L)));
            }
        }
    }

    /**
     * Polls the projector until the given accounts have the expected balances, or the timeout passed; returns
     * those accounts' balances as they are then (other tests' accounts left out).
     */
    private static Map<String, Long> awaitBalances(BalanceProjector projector, Map<String, Long> expected) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Long> seen = Map.of();
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            projector.poll(Duration.ofMillis(200));
            seen = projector.balances().entrySet().stream().filter(e -> expected.containsKey(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
        return seen;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }
}
