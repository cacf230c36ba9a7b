package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.KafkaBridge;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * The in-JVM placement: every server of the cluster runs in this JVM, in one {@link IsolatedRuntime} made of the
 * release's jars and the bridge built for its line. The fastest start where a bridge exists; see the README's
 * "How the broker stays out of your class path".
 */
final class InJvmRuntime implements KafkaRuntime {

    private final IsolatedRuntime runtime;
    private final KafkaBridge bridge;
    private final String classListKey;
    private final boolean classListMissing;
    private final String kafkaVersion;

    private InJvmRuntime(IsolatedRuntime runtime, String classListKey, boolean classListMissing) {
        this.runtime = runtime;
        this.bridge = runtime.bridge();
        this.classListKey = classListKey;
        this.classListMissing = classListMissing;
        this.kafkaVersion = bridge.kafkaVersion();
    }

    /**
     * Loads the runtime, starts loading what the start will need on spare threads, and sends the runtime's logs to
     * {@code logFile}. Closes what it loaded if that fails.
     */
    static InJvmRuntime open(ClusterDefinition definition, KafkaLine line, List<Path> jars, Path logFile,
                             StartPhases phases) {
        // No single call into Kafka may take longer: a broker's start is the longest.
        IsolatedRuntime runtime = IsolatedRuntime.load(line, jars, definition.startTimeout().plusMinutes(1));
        try {
            String classListKey = line + "-" + definition.kafkaVersion() + "-" + definition.mode();
            List<String> classes = ClassPreloader.read(classListKey);
            preload(runtime, classes);
            phases.end("isolated runtime");
            runtime.bridge().install(logFile);
            if (ClusterSecurity.isSecured(definition)) {
                SaslFactories.install();
            }
            InJvmRuntime opened = new InJvmRuntime(runtime, classListKey, classes.isEmpty());
            phases.end("logging");
            return opened;
        } catch (RuntimeException | Error e) {
            closeAfterFailure(runtime, e);
            throw e;
        }
    }

    private static void closeAfterFailure(IsolatedRuntime runtime, Throwable failure) {
        try {
            runtime.bridge().release();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        try {
            runtime.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Loads, on spare threads, the runtime's classes and the caller's kafka-clients ones this start will need. */
    private static void preload(IsolatedRuntime runtime, List<String> classes) {
        if (classes.isEmpty()) {
            return;
        }
        runtime.submit(() -> {
            ClassPreloader.load(classes, runtime.classLoader());
            return null;
        });
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        ClassLoader callersLoader = caller != null ? caller : InJvmRuntime.class.getClassLoader();
        runtime.submit(() -> {
            try {
                Class.forName("org.apache.kafka.clients.producer.KafkaProducer", false, callersLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null; // the caller has no kafka-clients: nothing to warm
            }
            ClassPreloader.load(ClassPreloader.clientClasses(classes), callersLoader);
            return null;
        });
    }

    @Override
    public String kafkaVersion() {
        return kafkaVersion;
    }

    @Override
    public boolean bindsFreePorts() {
        return true;
    }

    @Override
    public RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception {
        return bridge.startZooKeeper(dataDirectory, port);
    }

    @Override
    public String newClusterId() {
        return bridge.newClusterId();
    }

    @Override
    public void formatStorage(Properties nodeConfig, String clusterId) throws Exception {
        bridge.formatKRaftStorage(nodeConfig, clusterId);
    }

    @Override
    public RunningServer startNode(int id, Properties config, boolean kraft) throws Exception {
        return bridge.startBroker(config, kraft);
    }

    @Override
    public ClusterAdmin admin(String bootstrapServers, Map<String, String> clientConfig) {
        return bridge.admin(bootstrapServers, clientConfig);
    }

    @Override
    public void writeTlsFiles(Path directory, String password, List<String> clientNames) throws Exception {
        bridge.writeTlsFiles(directory, password, clientNames);
    }

    @Override
    public String clientFailure(String server, Map<String, String> clientConfig, long timeoutMs) {
        return bridge.clientFailure(server, clientConfig, timeoutMs);
    }

    @Override
    public IsolatedRuntime clientsRuntime() {
        return runtime;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return runtime.submit(task);
    }

    @Override
    public void started() {
        if (classListMissing) {
            ClassPreloader.write(classListKey, runtime.definedClasses());
        }
    }

    /** The isolated runtime's class loader: for tests that check it can be released after close. */
    ClassLoader classLoader() {
        return runtime.classLoader();
    }

    @Override
    public void close() {
        List<Throwable> failures = new ArrayList<>();
        try {
            bridge.release();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            runtime.close();
            JdkCaches.releaseRecordMethodCaches();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            KafkaTestEnvException failure = new KafkaTestEnvException(failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
