package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.internal.WorkDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The test plan's shared clusters start as soon as the plan is known, in the background: small test classes run
 * through a JUnit Platform launcher of this JVM, which finds the extension's listener as surefire's does. Each start
 * prints one line ({@code kafka.testenv.timings}), which the test cases and the test read.
 */
class EarlyStartTest {

    /** What this JVM printed on standard error while a run ran. */
    static final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theSharedClustersOfThePlanStartOnceInTheBackgroundAndWhatNoClassTookIsClosedWhenThePlanEnds()
            throws IOException {
        Set<Path> before = ownDirectories();
        Map<String, String> failures = run(true, FirstTestCase.class, UsesClusterTestCase.class,
                NeverRunsTestCase.class);

        assertEquals(Map.of(), failures);
        assertEquals(1, starts("topics [early-a:1:1]"), "the class took the cluster started early, not its own");
        assertEquals(1, starts("topics [early-b:1:1]"), "started early, though the class did not run");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("kafka-testenv-early-start")), "no thread left");
        Set<Path> left = ownDirectories();
        left.removeAll(before);
        assertEquals(Set.of(), left.stream().filter(EarlyStartTest::ours).collect(Collectors.toSet()),
                "the cluster no class took was closed when the plan ended, the other when the run ended");
    }

    @Test
    void aFailedEarlyStartFailsTheClassThatNeedsItWithTheMessageOfAStartWithoutIt() {
        Map<String, String> earlyFailures = run(true, BackgroundDoneTestCase.class, FailingStartTestCase.class);
        Map<String, String> lateFailures = run(false, BackgroundDoneTestCase.class, FailingStartTestCase.class);
        String name = FailingStartTestCase.class.getName();
        assertEquals(Set.of(name), earlyFailures.keySet(), earlyFailures::toString);
        assertEquals(Set.of(name), lateFailures.keySet(), lateFailures::toString);
        String early = earlyFailures.get(name);
        String late = lateFailures.get(name);

        assertTrue(early.contains("did not start") && early.contains("num.network.threads"), early);
        String logTail = "Last lines of its log";
        assertEquals(late.substring(0, late.indexOf(logTail)), early.substring(0, early.indexOf(logTail)));
    }

    @Test
    void aLauncherSessionStartsASharedClusterOnceForAllItsExecutions() throws IOException {
        Set<Path> before = ownDirectories();
        err.reset();
        System.setProperty("kafka.testenv.timings", "true");
        PrintStream previous = System.err;
        System.setErr(new PrintStream(new Tee(previous, err), true, StandardCharsets.UTF_8));
        List<TestExecutionSummary> summaries = new ArrayList<>();
        try (LauncherSession session = LauncherFactory.openSession()) {
            // as surefire runs a fork with forkCount > 1: one execution per class, in one session
            for (Class<?> type : List.of(SessionOneTestCase.class, SessionTwoTestCase.class)) {
                SummaryGeneratingListener summary = new SummaryGeneratingListener();
                session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(type))
                        .build(), summary);
                summaries.add(summary.getSummary());
            }
        } finally {
            System.clearProperty("kafka.testenv.timings");
            System.setErr(previous);
        }

        for (TestExecutionSummary summary : summaries) {
            assertEquals(1, summary.getTestsSucceededCount(), () -> summary.getFailures().stream()
                    .map(failure -> failure.getException().toString()).toList().toString());
        }
        assertEquals(1, starts("topics [early-session:1:1]"), "one start for both executions");
        assertEquals(SessionOneTestCase.servers.get(SessionOneTestCase.class),
                SessionOneTestCase.servers.get(SessionTwoTestCase.class));
        Set<Path> left = ownDirectories();
        left.removeAll(before);
        assertEquals(Set.of(), left.stream().filter(EarlyStartTest::ours).collect(Collectors.toSet()),
                "closed when the session closed");
    }

    /** Runs the classes through a launcher; returns the failure messages by class (or test) name. */
    private static Map<String, String> run(boolean startEarly, Class<?>... classes) {
        err.reset();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(type -> selectClass(type)).toArray(DiscoverySelector[]::new))
                .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME,
                        ClassOrderer.OrderAnnotation.class.getName())
                .configurationParameter(EmbeddedKafka.START_EARLY_PROPERTY, Boolean.toString(startEarly))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(new Tee(previous, err), true, StandardCharsets.UTF_8));
        System.setProperty("kafka.testenv.timings", "true");
        try {
            LauncherFactory.create().execute(request, summary);
        } finally {
            System.clearProperty("kafka.testenv.timings");
            System.setErr(previous);
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (TestExecutionSummary.Failure failure : summary.getSummary().getFailures()) {
            failures.put(failure.getTestIdentifier().getSource().map(source -> source instanceof ClassSource type
                    ? type.getClassName() : source.toString()).orElse(failure.getTestIdentifier().getDisplayName()),
                    failure.getException().getMessage());
        }
        return failures;
    }

    /** How many starts of clusters with {@code what} this run has printed. */
    static long starts(String what) {
        return err.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(what) && line.contains(" started in ")).count();
    }

    /** Polls until a start of a cluster with {@code what} has ended, for at most two minutes. */
    static void awaitStart(String what) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (starts(what) == 0) {
            assertTrue(System.nanoTime() < deadline, () -> "no start of a cluster with " + what + " within 2 min");
            LockSupport.parkNanos(20_000_000);
        }
    }

    /** The cluster directories under the default work directory that this JVM owns. */
    private static Set<Path> ownDirectories() throws IOException {
        String owner = "pid=" + ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(WorkDirectory.defaultParent())) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("kafka-testenv-"))
                    .filter(entry -> {
                        try {
                            return Files.readAllLines(entry.resolve("owner.properties")).contains(owner);
                        } catch (IOException e) {
                            return false;
                        }
                    }).collect(Collectors.toSet());
        }
    }

    /** Whether a cluster directory holds one of this test's clusters, by its log. */
    private static boolean ours(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("early-"));
        } catch (IOException e) {
            return true;
        }
    }

    /** Copies what is written to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /** Runs first and needs no cluster: the first Kafka class's cluster is started meanwhile. */
    @Order(1)
    static class FirstTestCase {
        @Test
        void seesTheClusterStartBeforeAnyKafkaClassRuns() {
            awaitStart("topics [early-a:1:1]");
        }
    }

    @Order(2)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "early-a"))
    static class UsesClusterTestCase {
        @Test
        void getsTheClusterStartedEarly(KafkaCluster cluster) {
            assertTrue(cluster.isRunning(0));
            awaitStart("topics [early-b:1:1]"); // the next class's, which will not run: the plan's end closes it
        }
    }

    @Order(3)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "early-b"))
    @EnabledIfSystemProperty(named = "kafka.testenv.test.never", matches = "set")
    static class NeverRunsTestCase {
        @Test
        void never() {
        }
    }

    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "early-session"))
    static class SessionOneTestCase {
        static final Map<Class<?>, String> servers = new java.util.concurrent.ConcurrentHashMap<>();

        @Test
        void recordsItsCluster(@BootstrapServers String bootstrapServers) {
            servers.put(getClass(), bootstrapServers);
        }
    }

    /** The same declaration, inherited. */
    static class SessionTwoTestCase extends SessionOneTestCase {
    }

    /** Runs first, until the background starts have ended: the next class's start failed there, if begun early. */
    @Order(1)
    static class BackgroundDoneTestCase {
        @Test
        void awaitsTheBackgroundStarts() {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(thread -> thread.getName().equals("kafka-testenv-early-start"))) {
                assertTrue(System.nanoTime() < deadline, "the background starts did not end within 2 min");
                LockSupport.parkNanos(20_000_000);
            }
        }
    }

    @Order(2)
    @EmbeddedKafka(mode = Mode.KRAFT, topics = @Topic(name = "early-fail"), brokerProperties = "num.network.threads=zero")
    static class FailingStartTestCase {
        @Test
        void never() {
        }
    }
}
