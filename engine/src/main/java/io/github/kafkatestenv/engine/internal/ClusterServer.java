package io.github.kafkatestenv.engine.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.kafkatestenv.engine.Broker;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Topic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one running {@link KafkaCluster} to other JVMs of this machine, which use it through
 * {@link KafkaCluster#attach(String)} with every operation of the interface.
 *
 * <p><b>A cluster still starting.</b> {@link #serve(Future)} serves a cluster whose start is still running, so that
 * its address can be handed out at once: every request waits until the start ends (however long it takes; the
 * start has its own deadline), then is answered by the started cluster, or fails with the start's own exception (its
 * type and message, which hold the end of the cluster's log).
 *
 * <p><b>Wire.</b> HTTP/1.1 on 127.0.0.1 only, on a free port. The {@link #address() address} is
 * {@code http://127.0.0.1:<port>/<secret>}, the secret 32 random bytes (base64url): each request is
 * {@code POST /<secret>/<operation>} with a {@link WireForm} body, and anything without the secret gets a bare 404.
 * An answer is 200 with a {@link WireForm}, or an error status with {@code error} (the exception's type: {@code
 * IllegalArgumentException}, {@code IllegalStateException}, else {@code KafkaTestEnvException}) and {@code message}.
 * {@code describe} answers {@code protocol} ({@value #PROTOCOL}), which a client checks.
 *
 * <p><b>Clean up.</b> {@link #close()} stops serving (its threads end); the cluster keeps running. Close the server
 * before the cluster.
 */
public final class ClusterServer implements AutoCloseable {

    /** The version of the operations and their forms; a client refuses any other. */
    static final String PROTOCOL = "1";

    private static final AtomicInteger SERVERS = new AtomicInteger();

    /** An operation beyond the cluster's own, such as a kept cluster's host adds. */
    interface Operation {
        WireForm apply(WireForm request) throws Exception;
    }

    private final Future<? extends KafkaCluster> started;
    private final HttpServer server;
    /**
     * Appended to an {@link #address()}, with a project's directory (URL-encoded), by a build that serves a cluster to
     * that project's test JVMs only; {@link RemoteCluster#attach} ignores it.
     */
    public static final String PROJECT_FRAGMENT = "#project=";

    /** 127.0.0.1 even where IPv6 is preferred: the address a {@link RemoteCluster} accepts everywhere. */
    private static final InetAddress IPV4_LOOPBACK = ipv4Loopback();

    private final ExecutorService executor;
    private final String secret;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastRequestNanos = System.nanoTime();

    private ClusterServer(Future<? extends KafkaCluster> started, Map<String, Operation> extra) throws IOException {
        this.started = started;
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        registerClusterOperations();
        operations.putAll(extra);
        int number = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kafka-testenv-server-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(IPV4_LOOPBACK, 0), 16);
        server.setExecutor(executor);
        server.createContext("/" + secret + "/", this::handle);
        // The server's dispatcher thread inherits its starter's daemon flag: a server never keeps a JVM alive.
        Thread starter = new Thread(server::start, "kafka-testenv-server-" + number + "-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            server.stop(0);
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting to serve", e);
        }
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("a four-byte address is always valid", e);
        }
    }

    /** Starts serving {@code cluster}; its {@link #address()} is what {@link KafkaCluster#attach} takes. */
    public static ClusterServer serve(KafkaCluster cluster) {
        return serve(CompletableFuture.completedFuture(cluster), Map.of());
    }

    /**
     * Starts serving the cluster {@code start} gives once it is done: requests that come before wait for it. A
     * start that failed (or was cancelled) fails every request with its exception.
     */
    public static ClusterServer serve(Future<? extends KafkaCluster> start) {
        return serve(start, Map.of());
    }

    static ClusterServer serve(KafkaCluster cluster, Map<String, Operation> extra) {
        return serve(CompletableFuture.completedFuture(cluster), extra);
    }

    private static ClusterServer serve(Future<? extends KafkaCluster> cluster, Map<String, Operation> extra) {
        try {
            return new ClusterServer(cluster, extra);
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot serve the cluster on a loopback port: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>/<secret>}: whoever has it can use the cluster; hand it only to your JVMs. */
    public String address() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/" + secret;
    }

    /** When the last request arrived, in {@link System#nanoTime()} terms. */
    long lastRequestNanos() {
        return lastRequestNanos;
    }

    private void registerClusterOperations() {
        operations.put("describe", request -> describe());
        operations.put("clientProperties", request -> {
            String user = request.get("user");
            KafkaCluster cluster = cluster();
            Map<String, String> properties = user == null ? cluster.clientProperties() : cluster.clientProperties(user);
            WireForm answer = new WireForm();
            properties.forEach(answer::add);
            return answer;
        });
        operations.put("isRunning", request ->
                WireForm.of("running", Boolean.toString(cluster().isRunning(request.requireInt("broker")))));
        operations.put("createTopic", request -> {
            Topic topic = new Topic(request.require("name"), request.requireInt("partitions"),
                    request.requireInt("replicationFactor"), request.withPrefix("config."));
            cluster().createTopic(topic);
            return new WireForm();
        });
        operations.put("deleteTopic", request -> done(() -> cluster().deleteTopic(request.require("name"))));
        operations.put("stopBroker", request -> done(() -> cluster().stopBroker(request.requireInt("broker"))));
        operations.put("killBroker", request -> done(() -> cluster().killBroker(request.requireInt("broker"))));
        operations.put("startBroker", request -> done(() -> cluster().startBroker(request.requireInt("broker"))));
        operations.put("stopZooKeeper", request -> done(() -> cluster().stopZooKeeper()));
        operations.put("startZooKeeper", request -> done(() -> cluster().startZooKeeper()));
        operations.put("reset", request -> done(() -> cluster().reset()));
    }

    private WireForm describe() {
        KafkaCluster cluster = cluster();
        WireForm answer = WireForm.of("protocol", PROTOCOL,
                "definition", DefinitionText.write(cluster.definition()),
                "kafkaVersion", cluster.kafkaVersion(),
                "mode", cluster.mode().name(),
                "clusterId", cluster.clusterId(),
                "bootstrapServers", cluster.bootstrapServers(),
                "directory", cluster.directory().toString(),
                "logFile", cluster.logFile().toString());
        for (Broker broker : cluster.brokers()) {
            answer.add("broker", broker.id() + " " + broker.host() + " " + broker.port());
        }
        cluster.zookeeperConnect().ifPresent(connect -> answer.add("zookeeperConnect", connect));
        cluster.tlsDirectory().ifPresent(directory -> answer.add("tlsDirectory", directory.toString()));
        return answer;
    }

    /**
     * The served cluster, once its start has ended.
     *
     * @throws RuntimeException the start's own exception if it failed; {@link IllegalStateException} if it was
     *                          cancelled; {@link KafkaTestEnvException} if this server closed while waiting
     */
    private KafkaCluster cluster() {
        try {
            return started.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new KafkaTestEnvException(cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
        } catch (CancellationException e) {
            throw new IllegalStateException("The cluster's start was cancelled: its owner stopped it before it was"
                    + " ready", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTestEnvException("The server stopped serving the cluster while it was starting", e);
        }
    }

    private static WireForm done(Runnable action) {
        action.run();
        return new WireForm();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            lastRequestNanos = System.nanoTime();
            // The context took only paths that begin with "/<secret>/"; anything else got the server's own 404.
            String path = exchange.getRequestURI().getPath();
            String prefix = "/" + secret + "/";
            Operation operation = operations.get(path.substring(prefix.length()));
            if (operation == null || !"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            WireForm request = WireForm.decode(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            int status;
            WireForm answer;
            try {
                answer = operation.apply(request);
                status = 200;
            } catch (IllegalArgumentException | IllegalStateException e) {
                answer = WireForm.of("error", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage()));
                status = 400;
            } catch (Exception | Error e) {
                answer = WireForm.of("error", "KafkaTestEnvException", "message", e.getMessage() != null
                        ? e.getMessage() : e.getClass().getName());
                status = 500;
            }
            byte[] body = answer.encode().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            // One request a connection: the attached JVM then keeps no connection, nor a thread to time it out.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops serving: requests in progress get a moment to end; the cluster keeps running. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "ClusterServer[" + server.getAddress() + "]";
    }
}
