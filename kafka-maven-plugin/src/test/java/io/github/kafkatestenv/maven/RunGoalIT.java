package io.github.kafkatestenv.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code mvn ...:run} as a user runs it, in a directory with no pom: it prints where the cluster is and that it is
 * ready, serves a producer and a consumer, and Ctrl-C (a real SIGINT) stops it, leaving no process, port or
 * directory behind; with the servers in processes, even a SIGKILL of Maven's JVM leaves none.
 */
@EnabledOnOs(OS.LINUX)
class RunGoalIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern READY = Pattern.compile("\\bready\\b");
    private static final Pattern BOOTSTRAP_SERVERS = Pattern.compile("Bootstrap servers:\\s*(\\S+)");
    private static final Pattern ZOOKEEPER_CONNECT = Pattern.compile("ZooKeeper connect:\\s*(\\S+)");
    private static final Pattern LOG_FILE = Pattern.compile("Log file:\\s*(\\S.*)$");

    @Test
    void runsZooKeeperClusterUntilCtrlC() throws Exception {
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve("run-zookeeper"),
                ChildMaven.PLUGIN + ":run", "-Dkafka.testenv.brokerPort=0", "-Dkafka.testenv.zookeeperPort=0",
                "-Dkafka.testenv.topics=orders:3:1")) {
            String bootstrapServers = mvn.awaitLine(BOOTSTRAP_SERVERS, START_TIMEOUT).group(1);
            String zookeeperConnect = mvn.awaitLine(ZOOKEEPER_CONNECT, START_TIMEOUT).group(1);
            Path logFile = Paths.get(mvn.awaitLine(LOG_FILE, START_TIMEOUT).group(1).trim());
            mvn.awaitLine(READY, START_TIMEOUT);
            assertTrue(mvn.output().contains("orders (3 partitions, replication factor 1)"), mvn.output());
            Path clusterDirectory = logFile.getParent().getParent();
            assertEquals(Paths.get(System.getProperty("java.io.tmpdir")).toRealPath(),
                    clusterDirectory.getParent().toRealPath(), "no pom: the cluster lives in the temp directory");

            assertTopic(bootstrapServers, "orders", 3, 1);
            assertRoundTrip(bootstrapServers, "orders");

            stopWithCtrlC(mvn, List.of(bootstrapServers, zookeeperConnect), clusterDirectory);
        }
    }

    @Test
    void runsKRaftClusterOfThreeBrokersUntilCtrlC() throws Exception {
        Path directory = ChildMaven.IT_DIRECTORY.resolve("run-kraft");
        Path workDirectory = directory.resolve("clusters");
        try (ChildMaven mvn = ChildMaven.start(directory, ChildMaven.PLUGIN + ":run", "-Dkafka.testenv.brokerPort=0",
                "-Dkafka.testenv.zookeeperPort=0", "-Dkafka.testenv.mode=kraft", "-Dkafka.testenv.brokers=3",
                "-Dkafka.testenv.topics=orders:3:3", "-Dkafka.testenv.workDirectory=" + workDirectory)) {
            String bootstrapServers = mvn.awaitLine(BOOTSTRAP_SERVERS, START_TIMEOUT).group(1);
            Path logFile = Paths.get(mvn.awaitLine(LOG_FILE, START_TIMEOUT).group(1).trim());
            mvn.awaitLine(READY, START_TIMEOUT);
            assertEquals(3, bootstrapServers.split(",").length, bootstrapServers);
            assertFalse(mvn.output().contains("ZooKeeper connect"), mvn.output());
            Path clusterDirectory = logFile.getParent().getParent();
            assertEquals(workDirectory, clusterDirectory.getParent());

            assertTopic(bootstrapServers, "orders", 3, 3);
            assertRoundTrip(bootstrapServers, "orders");

            stopWithCtrlC(mvn, List.of(bootstrapServers), clusterDirectory);
        }
    }

    @Test
    void serversInProcessesEndWithTheMavenJvmEvenWhenItIsKilled() throws Exception {
        try (ChildMaven mvn = ChildMaven.start(ChildMaven.IT_DIRECTORY.resolve("run-processes"),
                ChildMaven.PLUGIN + ":run", "-Dkafka.testenv.brokerPort=0", "-Dkafka.testenv.zookeeperPort=0",
                "-Dkafka.testenv.placement=processes", "-Dkafka.testenv.topics=orders:2:1")) {
            String bootstrapServers = mvn.awaitLine(BOOTSTRAP_SERVERS, START_TIMEOUT).group(1);
            String zookeeperConnect = mvn.awaitLine(ZOOKEEPER_CONNECT, START_TIMEOUT).group(1);
            Path logFile = Paths.get(mvn.awaitLine(LOG_FILE, START_TIMEOUT).group(1).trim());
            mvn.awaitLine(READY, START_TIMEOUT);
            assertTrue(mvn.output().contains("in ZooKeeper mode, 1 broker, in processes"), mvn.output());
            List<ProcessHandle> servers = mvn.handle().descendants().toList();
            assertEquals(2, servers.size(), "ZooKeeper and one broker, each a JVM: " + servers);
            assertTopic(bootstrapServers, "orders", 2, 1);
            assertRoundTrip(bootstrapServers, "orders");

            mvn.handle().destroyForcibly(); // SIGKILL: no shutdown hook runs

            try {
                CompletableFuture.allOf(servers.stream().map(ProcessHandle::onExit)
                        .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("servers outlived the killed mvn by 10 s: " + servers.stream()
                        .filter(ProcessHandle::isAlive).map(ProcessHandle::info).toList(), e);
            }
            List<String> addresses = List.of(bootstrapServers, zookeeperConnect);
            for (String address : addresses) {
                assertFalse(accepts(address), address + " still accepts connections 10 s after mvn was killed");
            }
            assertFalse(Files.exists(logFile.getParent().getParent()), "the cluster's directory is left behind");
        }
    }

    /** Ctrl-C: the JVM ends by SIGINT after saying the cluster stopped, and nothing of the cluster remains. */
    private static void stopWithCtrlC(ChildMaven mvn, List<String> addresses, Path clusterDirectory)
            throws Exception {
        assertFalse(mvn.ignoresSigint(), "mvn was started with SIGINT ignored, so Ctrl-C could not reach it");
        List<ProcessHandle> processes = mvn.handle().descendants().toList();
        mvn.interrupt();

        int exitCode = mvn.awaitExit(STOP_TIMEOUT);

        assertEquals(130, exitCode, "ended by SIGINT (128 + 2). Output:\n" + mvn.output());
        assertTrue(mvn.output().contains("Kafka stopped."), mvn.output());
        assertFalse(mvn.output().contains("BUILD"), "Maven reports no build result after Ctrl-C:\n" + mvn.output());
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "process " + process.pid() + " outlived mvn: " + process.info());
        }
        for (String address : String.join(",", addresses).split(",")) {
            assertFalse(accepts(address), address + " still accepts connections");
        }
        assertFalse(Files.exists(clusterDirectory), clusterDirectory + " is left behind");
    }

    private static void assertTopic(String bootstrapServers, String topic, int partitions, int replicationFactor)
            throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            TopicDescription description = topics.get(topic);
            assertEquals(partitions, description.partitions().size());
            description.partitions().forEach(partition ->
                    assertEquals(replicationFactor, partition.replicas().size(), partition.toString()));
        }
    }

    /** Sends one record and reads it back in a fresh consumer group. */
    private static void assertRoundTrip(String bootstrapServers, String topic) throws Exception {
        String key = "order-" + UUID.randomUUID();
        String value = "created " + UUID.randomUUID();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }

        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "run-goal-it-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(key)) {
                        assertEquals(topic, record.topic());
                        assertEquals(value, record.value());
                        return;
                    }
                }
            }
        }
        throw new AssertionError("The record sent to " + topic + " did not arrive within 60 s");
    }

    private static boolean accepts(String address) {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
