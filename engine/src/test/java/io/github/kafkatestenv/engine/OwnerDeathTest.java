package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The process placement's promise: server processes die with the JVM that started them, however it dies. The owner
 * here is a child JVM killed with SIGKILL, so no shutdown hook of it runs; within 10 s every server process of its
 * cluster must be gone, nothing may listen on their ports, and the cluster's directory must be gone too.
 */
class OwnerDeathTest {

    private static final int BOUND_SECONDS = 10;

    @TempDir
    Path workDirectory;

    @ParameterizedTest(name = "SIGKILL to the owner of a Kafka {0} {1} cluster of {2} in processes")
    @CsvSource({"3.9.2, ZOOKEEPER, 2", "4.4.0, KRAFT, 3"})
    void serverProcessesEndWithTheirOwner(String version, Mode mode, int brokers) throws Exception {
        Process owner = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartInProcessesAndWait.class.getName(),
                workDirectory.toString(), version, mode.name(), Integer.toString(brokers))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<ProcessHandle> servers;
        List<Integer> ports;
        Path directory;
        try {
            String[] ready = ShutdownSignalTest.firstLine(owner).split(" ");
            assertEquals("READY", ready[0], "the owner started its cluster");
            directory = Paths.get(ready[1]);
            ports = Arrays.stream(ready[2].split(",")).map(Integer::parseInt).collect(Collectors.toList());
            servers = owner.descendants().filter(ProcessHandle::isAlive).collect(Collectors.toList());
            assertEquals(brokers + (mode == Mode.ZOOKEEPER ? 1 : 0), servers.size(), "one JVM per server");
            for (int port : ports) {
                assertTrue(ProcessPlacementTest.listening(port), "port " + port + " is served before the kill");
            }
        } finally {
            owner.destroyForcibly(); // SIGKILL: the owner's shutdown hooks never run
            owner.waitFor(30, TimeUnit.SECONDS);
        }
        long killed = System.nanoTime();

        assertTrue(ProcessState.eventually(BOUND_SECONDS, () -> servers.stream().noneMatch(ProcessHandle::isAlive)),
                () -> "server processes still alive " + BOUND_SECONDS + " s after their owner died: "
                        + servers.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        assertTrue(ProcessState.eventually(BOUND_SECONDS, () -> ports.stream().noneMatch(ProcessPlacementTest::listening)),
                () -> "ports still served: " + ports.stream().filter(ProcessPlacementTest::listening).toList());
        assertTrue(ProcessState.eventually(BOUND_SECONDS, () -> !Files.exists(directory)),
                () -> "the cluster's directory " + directory + " is left");
        System.out.printf("Kafka %s %s in processes: every server gone %d ms after its owner was killed%n",
                version, mode, (System.nanoTime() - killed) / 1_000_000);
    }

    /** Started in a child JVM: starts a cluster in processes, prints its directory and every port, and waits. */
    public static final class StartInProcessesAndWait {
        public static void main(String[] args) throws Exception {
            KafkaCluster cluster = ClusterDefinition.builder().workDirectory(Paths.get(args[0]))
                    .kafkaVersion(args[1]).mode(Mode.valueOf(args[2])).brokers(Integer.parseInt(args[3]))
                    .placement(Placement.PROCESSES).build().start();
            List<Integer> ports = new ArrayList<>();
            cluster.brokers().forEach(broker -> ports.add(broker.port()));
            cluster.zookeeperConnect().ifPresent(c -> ports.add(Integer.parseInt(c.substring(c.lastIndexOf(':') + 1))));
            System.out.println("READY " + cluster.directory() + " "
                    + ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
