package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClientsBridge;
import io.github.kafkatestenv.bridge.ClusterAdmin;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The process placement: ZooKeeper and each broker or KRaft node run in a JVM of their own, started from the
 * release's own jars and public entry points ({@code org.apache.zookeeper.server.ZooKeeperServerMain},
 * {@code kafka.Kafka}, and {@code kafka.tools.StorageTool} to format), through the engine's launcher
 * ({@code kafka-testenv-launcher}), which ends each of them when this JVM ends, however it ends. Nothing here
 * depends on the release: every release from 3.0.0 runs the same way.
 *
 * <p>The engine's own work (admin client, per-broker probes, certificates) runs in this JVM with one pinned
 * kafka-clients, isolated like a broker runtime: see {@code bridge/clients}.
 */
final class ProcessRuntime implements KafkaRuntime {

    private static final String ZOOKEEPER_MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final AtomicInteger RUNTIMES = new AtomicInteger();

    private final ClusterDefinition definition;
    private final Path directory;
    private final Path configDirectory;
    private final Path logFile;
    private final IsolatedRuntime clients;
    private final ClientsBridge bridge;
    private final ServerJvm jvm;
    private final Map<String, String> serverProperties;
    private final Map<String, String> engineClientConfig;
    private final Map<Integer, String> clusterIds = new ConcurrentHashMap<>();
    private final List<ServerProcess> processes = new CopyOnWriteArrayList<>();
    private final List<OutputStream> ownerPipes = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private volatile boolean closing;

    private ProcessRuntime(ClusterDefinition definition, KafkaLine line, List<Path> jars, Path directory, Path logFile,
                           ClusterSecurity security, IsolatedRuntime clients) throws IOException {
        this.definition = definition;
        this.directory = directory;
        this.configDirectory = Files.createDirectories(directory.resolve("config"));
        this.logFile = logFile;
        this.clients = clients;
        this.bridge = clients.clients();
        List<Path> classpath = new ArrayList<>();
        classpath.add(LauncherJar.path());
        classpath.addAll(jars);
        this.jvm = ServerJvm.of(definition.javaHome(), classpath, definition.kafkaVersion());
        this.serverProperties = serverProperties(line);
        this.engineClientConfig = security == null ? Map.of() : security.engineClientConfig();
        int number = RUNTIMES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kafka-testenv-processes-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the placement for a cluster: its clients runtime, its launcher and its log configuration. */
    static ProcessRuntime open(ClusterDefinition definition, KafkaLine line, List<Path> jars, Path directory,
                               Path logFile, ClusterSecurity security, StartPhases phases) {
        IsolatedRuntime clients = IsolatedRuntime.loadClients(definition.startTimeout().plusMinutes(1));
        try {
            // While the servers start in JVMs of their own, the caller's kafka-clients warms up.
            ClassPreloader.warmCallersClients(CLIENT_CLASS_LIST);
            clients.clients().install(logFile);
            ProcessRuntime runtime = new ProcessRuntime(definition, line, jars, directory, logFile, security, clients);
            phases.end("clients runtime");
            return runtime;
        } catch (IOException | RuntimeException e) {
            clients.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The key of the list of classes the clients runtime loaded in a whole start. */
    static final String CLIENT_CLASS_LIST = "processes-clients";

    @Override
    public void started() {
        if (ClassPreloader.read(CLIENT_CLASS_LIST).isEmpty()) {
            ClassPreloader.write(CLIENT_CLASS_LIST, clients.definedClasses());
        }
    }

    /** System properties of every server JVM: logging into the cluster's log, temp files in its directory. */
    private Map<String, String> serverProperties(KafkaLine line) throws IOException {
        Path temp = Files.createDirectories(directory.resolve("tmp"));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("java.io.tmpdir", temp.toString());
        properties.put("kafka.logs.dir", logFile.getParent().toString());
        if (line == KafkaLine.KAFKA_4) {
            properties.put("log4j2.configurationFile", writeLog4j2Config().toString());
        } else {
            properties.put("log4j.configuration", writeLog4jConfig().toUri().toString());
        }
        properties.put("zookeeper.admin.enableServer", "false");
        properties.put("zookeeper.jmx.log4j.disable", "true");
        if (!definition.keepDirectory()) {
            properties.put(LauncherProperties.ORPHAN_DELETE, directory.toString());
        }
        return properties;
    }

    private Path writeLog4jConfig() throws IOException {
        return write("log4j.properties", String.join("\n",
                "log4j.rootLogger=INFO, file",
                "log4j.appender.file=org.apache.log4j.FileAppender",
                "log4j.appender.file.File=" + logFile.toString().replace("\\", "/"),
                "log4j.appender.file.Append=true",
                "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.file.layout.ConversionPattern=[%d] %p [%t] %m (%c)%n",
                "log4j.logger.kafka.request.logger=WARN",
                ""));
    }

    private Path writeLog4j2Config() throws IOException {
        return write("log4j2.properties", String.join("\n",
                "status = error",
                "name = kafka-testenv",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + logFile.toString().replace("\\", "/"),
                "appender.file.append = true",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p [%t] %m (%c)%n",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = file",
                ""));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(configDirectory.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Override
    public String kafkaVersion() {
        return definition.kafkaVersion();
    }

    @Override
    public boolean bindsFreePorts() {
        return false;
    }

    @Override
    public RunningServer startZooKeeper(Path dataDirectory, int port) throws Exception {
        Files.createDirectories(dataDirectory);
        Path config = write("zookeeper.properties", String.join("\n",
                "dataDir=" + dataDirectory.toString().replace("\\", "/"),
                "clientPort=" + port,
                "clientPortAddress=" + Ports.HOST,
                // A short tick, as in the JVM; sessions keep Kafka's timeout up to a minute.
                "tickTime=100",
                "maxSessionTimeout=60000",
                "maxClientCnxns=0",
                "admin.enableServer=false",
                ""));
        ServerProcess server = spawn("ZooKeeper", "zookeeper", Map.of(), ZOOKEEPER_MAIN, List.of(config.toString()),
                port, null);
        awaitListening(server, List.of(port));
        return server;
    }

    @Override
    public String newClusterId() {
        return bridge.newClusterId();
    }

    @Override
    public void formatStorage(Properties nodeConfig, String clusterId) {
        // Formatted by the node's own JVM, just before it starts (see the launcher): one JVM start per node, not two.
        clusterIds.put(Integer.parseInt(nodeConfig.getProperty("node.id")), clusterId);
    }

    @Override
    public RunningServer startNode(int id, Properties config, boolean kraft) throws Exception {
        Path file = configDirectory.resolve("broker-" + id + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "broker " + id + ", written by kafka-testenv");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (kraft) {
            Path arguments = write("format-" + id + ".args", String.join("\n", "format", "-t",
                    clusterIds.get(id), "-c", file.toString(), "--ignore-formatted", ""));
            properties.put(LauncherProperties.FORMAT, arguments.toString());
        }
        Map<String, Integer> listeners = listenerPorts(config.getProperty("listeners"));
        int enginePort = listeners.get(config.getProperty("inter.broker.listener.name", "PLAINTEXT"));
        ServerProcess server = spawn("broker " + id, "broker", properties, KAFKA_MAIN, List.of(file.toString()),
                enginePort, () -> bridge.brokerView(Ports.HOST, enginePort, engineClientConfig));
        awaitListening(server, List.copyOf(listeners.values()));
        return server;
    }

    /** Listener name to port, from a {@code listeners} value such as {@code PLAINTEXT://127.0.0.1:9092,...}. */
    static Map<String, Integer> listenerPorts(String listeners) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String listener : listeners.split(",")) {
            String trimmed = listener.trim();
            ports.put(trimmed.substring(0, trimmed.indexOf("://")),
                    Integer.parseInt(trimmed.substring(trimmed.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    private ServerProcess spawn(String name, String role, Map<String, String> extraProperties, String mainClass,
                                List<String> arguments, int port,
                                java.util.function.Supplier<io.github.kafkatestenv.bridge.BrokerView> view)
            throws IOException {
        if (closing) {
            throw new KafkaTestEnvException("The cluster is closing: " + name + " was not started");
        }
        Map<String, String> properties = new LinkedHashMap<>(serverProperties);
        properties.putAll(extraProperties);
        ServerJvm.Command command = jvm.command(role, properties, mainClass, arguments);
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // These JVMs are ours: options meant for the caller's JVMs (agents, debuggers on fixed ports) stay out.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            command.archive().finish(false);
            throw new KafkaTestEnvException("Cannot start the JVM of " + name + " (" + command.arguments().get(0)
                    + "): " + e.getMessage(), e);
        }
        // Held open and never written: when this JVM ends, the pipe closes and the server's launcher ends it too.
        ownerPipes.add(process.getOutputStream());
        ServerProcess server = new ServerProcess(name, process, port, command.archive(), view, this);
        processes.add(server);
        return server;
    }

    /** Waits until the server accepts connections on every port, and fails at once if its JVM ends first. */
    private void awaitListening(ServerProcess server, List<Integer> ports) throws InterruptedException {
        long deadline = Readiness.deadlineIn(definition.startTimeout().toMillis());
        long pause = TimeUnit.MILLISECONDS.toNanos(5);
        for (int port : ports) {
            while (!Ports.accepts(port)) {
                if (!server.alive()) {
                    throw new KafkaTestEnvException(server + " ended before it listened on port " + port
                            + "; its output is in the cluster's log");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new KafkaTestEnvException(server + " did not listen on port " + port + " within "
                            + definition.startTimeout().toSeconds() + " s");
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("waiting for " + server + " to listen on port " + port);
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    @Override
    public ClusterAdmin admin(String bootstrapServers, Map<String, String> clientConfig) {
        return bridge.admin(bootstrapServers, clientConfig);
    }

    @Override
    public void writeTlsFiles(Path tlsDirectory, String password, List<String> clientNames) throws Exception {
        bridge.writeTlsFiles(tlsDirectory, password, clientNames);
    }

    @Override
    public String clientFailure(String server, Map<String, String> clientConfig, long timeoutMs) {
        return bridge.clientFailure(server, clientConfig, timeoutMs);
    }

    @Override
    public IsolatedRuntime clientsRuntime() {
        return clients;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    @Override
    public void clusterClosing() {
        closing = true;
    }

    /** Whether a server may end at once when it stops: the whole cluster closes and its data goes with it. */
    boolean fastClose() {
        return closing && !definition.keepDirectory();
    }

    /** Ends every server process still alive (a start that failed halfway leaves some), then the clients. */
    @Override
    public void close() {
        closing = true;
        List<Throwable> failures = new ArrayList<>();
        for (ServerProcess server : processes) {
            if (server.alive()) {
                try {
                    server.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                }
            }
        }
        for (OutputStream pipe : ownerPipes) {
            try {
                pipe.close();
            } catch (IOException ignored) {
                // the process is gone
            }
        }
        executor.shutdownNow();
        try {
            bridge.release();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            clients.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        List<String> survivors = ServerProcess.alive(processes);
        if (!survivors.isEmpty()) {
            failures.add(new KafkaTestEnvException("Server processes still run after close: " + survivors));
        }
        if (!failures.isEmpty()) {
            KafkaTestEnvException failure = new KafkaTestEnvException(failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
