package io.github.kafkatestenv.engine;

import io.github.kafkatestenv.engine.internal.ReusableClusters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A test run with warm re-runs on, in a JVM of its own, as {@link ReuseTest} starts it: {@code java KeptRun <what>
 * <placement> <idle>} with {@code -Dkafka.testenv.cache} set. It acquires a kept cluster and prints one line about
 * it; {@code dirty} then leaves records, a topic, a group whose member stays, and waits to be killed; {@code look}
 * prints what the cluster shows and holds the lease until its input ends.
 */
public final class KeptRun {

    public static void main(String[] args) throws Exception {
        ClusterDefinition definition = definition(Placement.valueOf(args[1]));
        long started = System.nanoTime();
        KafkaCluster cluster = ReusableClusters.acquire(definition, Duration.parse(args[2]));
        System.err.printf("[kept-run] %s %s: acquired in %d ms%n", args[0], args[1],
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        String kept = "cluster " + cluster.bootstrapServers() + " " + cluster.directory();
        switch (args[0]) {
            case "dirty" -> {
                Clients.send(cluster, "orders", 5);
                try (Admin admin = Admin.create(ClusterResetTest.properties(cluster.clientProperties()))) {
                    admin.createTopics(List.of(new NewTopic("extra", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                }
                KafkaConsumer<String, String> member = Clients.consumer(cluster, "left-by-a-killed-run");
                member.subscribe(List.of("orders"));
                int seen = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (seen < 5 && System.nanoTime() < deadline) {
                    seen += member.poll(Duration.ofMillis(100)).count();
                }
                member.commitSync();
                System.out.println("DIRTY " + kept);
                System.out.flush();
                while (true) {
                    member.poll(Duration.ofMillis(100)); // a live member until SIGKILL
                }
            }
            case "look" -> {
                try (Admin admin = Admin.create(ClusterResetTest.properties(cluster.clientProperties()))) {
                    Set<String> topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
                    long records = 0;
                    for (String topic : topics) {
                        records += ClusterResetTest.endOffsets(admin, topic).values().stream()
                                .mapToLong(Long::longValue).sum();
                    }
                    System.out.println("SEEN " + kept + " topics " + topics + " records " + records + " groups "
                            + new TreeSet<>(ClusterResetTest.groups(admin)));
                }
                System.out.flush();
                awaitEndOfInput();
                cluster.close();
                System.out.println("RELEASED");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static ClusterDefinition definition(Placement placement) {
        // In the JVM Kafka 4's group coordinator, in processes 3.9's KRaft: both remove a killed run's members.
        return ClusterDefinition.builder().placement(placement).mode(Mode.KRAFT)
                .kafkaVersion(placement == Placement.PROCESSES ? "3.9.2" : "4.4.0")
                .topic(Topic.parse("orders:2:1")).topic(Topic.parse("audit")).build();
    }

    private static void awaitEndOfInput() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // until the test closes our input
        }
    }

    /** The command line of a run: this class in a JVM of its own, with {@code cache} as the cache directory. */
    static List<String> command(Path cache, String what, Placement placement, Duration idle) {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dkafka.testenv.cache=" + cache, "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(KeptRun.class.getName(), what, placement.name(), idle.toString()));
        return command;
    }

    private KeptRun() {
    }
}
