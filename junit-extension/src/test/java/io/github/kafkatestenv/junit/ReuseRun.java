package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.internal.ReusableClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * One test run in a JVM of its own, as {@link ReuseTest} starts it: {@code java ReuseRun <reuse> <class>...} runs the
 * named test cases of this class through a JUnit Platform launcher, as surefire does (so the shared cluster is
 * acquired early), with {@code kafka.testenv.reuse} set to {@code <reuse>}, and prints what each saw on its cluster
 * before it left records, a topic and consumer groups there, then a line with the outcome.
 */
public final class ReuseRun {

    public static void main(String[] args) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            selectors.add(selectClass(ReuseRun.class.getName() + "$" + args[i]));
        }
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(EmbeddedKafka.REUSE_PROPERTY, args[0]).selectors(selectors).build(), summary);
        List<String> failures = new ArrayList<>();
        summary.getSummary().getFailures().forEach(failure -> failures.add(failure.getTestIdentifier()
                .getDisplayName() + ": " + failure.getException()));
        System.out.println("OUTCOME failures " + failures + " succeeded "
                + summary.getSummary().getTestsSucceededCount());
        System.out.flush();
    }

    /** The shared cluster of the run. */
    @EmbeddedKafka(mode = Mode.KRAFT, kafkaVersion = "4.4.0", topics = @Topic(name = "reused", partitions = 2))
    static class SharedTestCase {
        @Test
        void seesAFreshClusterAndLeavesItDirty(KafkaCluster cluster, Admin admin, Producer<String, String> producer,
                                               @KafkaClient(topic = "reused", groupId = "reuse-group")
                                               Consumer<String, String> consumer) throws Exception {
            seeAndDirty("shared", cluster, admin, producer, consumer);
        }
    }

    /** A fresh cluster of the same declaration: a lease of its own. */
    @EmbeddedKafka(mode = Mode.KRAFT, kafkaVersion = "4.4.0", topics = @Topic(name = "reused", partitions = 2),
            freshCluster = true)
    static class FreshTestCase {
        @Test
        void seesAFreshClusterAndLeavesItDirty(KafkaCluster cluster, Admin admin, Producer<String, String> producer,
                                               @KafkaClient(topic = "reused") Consumer<String, String> consumer)
                throws Exception {
            seeAndDirty("fresh", cluster, admin, producer, consumer);
        }
    }

    private static void seeAndDirty(String name, KafkaCluster cluster, Admin admin, Producer<String, String> producer,
                                    Consumer<String, String> consumer) throws Exception {
        Set<String> topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        long records = 0;
        for (String topic : topics) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            records += consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
        Set<String> groups = new TreeSet<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            groups.add(group.groupId());
        }
        System.out.println("SEEN " + name + " reused " + ReusableClusters.reused(cluster) + " cluster "
                + cluster.bootstrapServers() + " " + cluster.directory() + " topics " + topics + " records " + records
                + " groups " + groups);
        System.out.flush();

        for (int i = 0; i < 3; i++) {
            Records.send(producer, new ProducerRecord<>("reused", "k" + i, "v" + i), Duration.ofSeconds(30));
        }
        admin.createTopics(List.of(new NewTopic("extra-" + name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        assertEquals(3, Records.read(consumer, 3, Duration.ofSeconds(30)).size());
        consumer.commitSync();
    }

    private ReuseRun() {
    }
}
