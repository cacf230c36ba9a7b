package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.Broker;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link KafkaCluster} that another JVM of this machine runs and serves with a {@link ClusterServer}: every call
 * goes to that JVM, with a deadline, and its failures come back with their message and type.
 *
 * <p>What never changes while the cluster runs (definition, version, ids, addresses, directories) is read once,
 * when attaching. {@link #close()} lets go of the handle (and of a kept cluster's lease); the cluster keeps running.
 */
public final class RemoteCluster implements KafkaCluster {

    private static final Pattern ADDRESS = Pattern.compile(
            "http://(127\\.0\\.0\\.1|localhost|\\[::1\\]):(\\d{1,5})/([A-Za-z0-9_-]{20,})/?(#\\S*)?");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A lookup: the owner answers at once. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);
    /** An operation that starts, stops or waits for servers or topics: as long as the owner's own deadlines. */
    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(4);

    private final String address;
    private final URI base;
    private final ClusterDefinition definition;
    private final WireForm description;
    private final List<Broker> brokers;
    private final AutoCloseable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteCluster(String address, URI base, WireForm description, AutoCloseable release) {
        this.address = address;
        this.base = base;
        this.description = description;
        this.definition = DefinitionText.read(description.require("definition"));
        List<Broker> list = new ArrayList<>();
        for (String broker : description.all("broker")) {
            String[] fields = broker.split(" ");
            list.add(new Broker(Integer.parseInt(fields[0]), fields[1], Integer.parseInt(fields[2])));
        }
        this.brokers = List.copyOf(list);
        this.release = release;
    }

    /** See {@link KafkaCluster#attach(String)}. */
    public static RemoteCluster attach(String address) {
        return attach(address, () -> { });
    }

    /** Attaches, and runs {@code release} when the handle is closed (or at once, if attaching fails). */
    static RemoteCluster attach(String address, AutoCloseable release) {
        try {
            URI base = base(address);
            // As long as an operation: the owner may serve a cluster whose start is still running, and answers once
            // it is ready (or with the start's error).
            WireForm description = call(base, address, "describe", new WireForm(), OPERATION_TIMEOUT);
            if (!ClusterServer.PROTOCOL.equals(description.get("protocol"))) {
                throw new KafkaTestEnvException("The cluster at " + address + " speaks protocol "
                        + description.get("protocol") + ", this kafka-testenv " + ClusterServer.PROTOCOL
                        + ": use the same kafka-testenv version on both sides");
            }
            return new RemoteCluster(address, base, description, release);
        } catch (RuntimeException e) {
            try {
                release.close();
            } catch (Exception releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
    }

    private static URI base(String address) {
        Matcher matcher = ADDRESS.matcher(address == null ? "" : address.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a kafka-testenv cluster address: '" + address + "'. It looks like"
                    + " http://127.0.0.1:<port>/<secret>, as the JVM that serves the cluster hands it out");
        }
        return URI.create("http://" + matcher.group(1) + ":" + matcher.group(2) + "/" + matcher.group(3) + "/");
    }

    /** The address this handle is attached to. */
    public String address() {
        return address;
    }

    @Override
    public ClusterDefinition definition() {
        return definition;
    }

    @Override
    public String kafkaVersion() {
        return description.require("kafkaVersion");
    }

    @Override
    public Mode mode() {
        return Mode.valueOf(description.require("mode"));
    }

    @Override
    public String clusterId() {
        return description.get("clusterId");
    }

    @Override
    public String bootstrapServers() {
        return description.require("bootstrapServers");
    }

    @Override
    public Map<String, String> clientProperties() {
        return properties(call("clientProperties", new WireForm(), LOOKUP_TIMEOUT));
    }

    @Override
    public Map<String, String> clientProperties(String user) {
        return properties(call("clientProperties", WireForm.of("user", user), LOOKUP_TIMEOUT));
    }

    private static Map<String, String> properties(WireForm answer) {
        Map<String, String> properties = answer.withPrefix("");
        return Collections.unmodifiableMap(properties);
    }

    @Override
    public Optional<Path> tlsDirectory() {
        return Optional.ofNullable(description.get("tlsDirectory")).map(Paths::get);
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return Optional.ofNullable(description.get("zookeeperConnect"));
    }

    @Override
    public List<Broker> brokers() {
        return brokers;
    }

    @Override
    public boolean isRunning(int brokerId) {
        return Boolean.parseBoolean(call("isRunning", broker(brokerId), LOOKUP_TIMEOUT).get("running"));
    }

    @Override
    public void createTopic(Topic topic) {
        WireForm request = WireForm.of("name", topic.name(), "partitions", Integer.toString(topic.partitions()),
                "replicationFactor", Integer.toString(topic.replicationFactor()));
        topic.configs().forEach((key, value) -> request.add("config." + key, value));
        call("createTopic", request, OPERATION_TIMEOUT);
    }

    @Override
    public void deleteTopic(String name) {
        call("deleteTopic", WireForm.of("name", name), OPERATION_TIMEOUT);
    }

    @Override
    public void stopBroker(int brokerId) {
        call("stopBroker", broker(brokerId), OPERATION_TIMEOUT);
    }

    @Override
    public void killBroker(int brokerId) {
        call("killBroker", broker(brokerId), OPERATION_TIMEOUT);
    }

    @Override
    public void startBroker(int brokerId) {
        call("startBroker", broker(brokerId), OPERATION_TIMEOUT);
    }

    @Override
    public void stopZooKeeper() {
        call("stopZooKeeper", new WireForm(), OPERATION_TIMEOUT);
    }

    @Override
    public void startZooKeeper() {
        call("startZooKeeper", new WireForm(), OPERATION_TIMEOUT);
    }

    @Override
    public void reset() {
        call("reset", new WireForm(), OPERATION_TIMEOUT);
    }

    @Override
    public Path directory() {
        return Paths.get(description.require("directory"));
    }

    @Override
    public Path logFile() {
        return Paths.get(description.require("logFile"));
    }

    /** Lets go of this handle; the cluster keeps running for whoever owns it. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                release.close();
            } catch (Exception e) {
                throw new KafkaTestEnvException("Cannot let go of the cluster at " + address + ": " + e.getMessage(), e);
            }
        }
    }

    /** Calls an operation of the serving JVM beyond the cluster's own (a kept cluster's host has some). */
    WireForm call(String operation, WireForm request, Duration timeout) {
        if (closed.get()) {
            throw new IllegalStateException("This handle of the cluster at " + address + " is closed: attach again");
        }
        return call(base, address, operation, request, timeout);
    }

    private static WireForm broker(int brokerId) {
        return WireForm.of("broker", Integer.toString(brokerId));
    }

    /**
     * One request, on the caller's thread and a connection of its own that closes with the answer: an attached JVM
     * keeps no client thread or connection of ours (java.net.http's client keeps a selector thread for life).
     */
    static WireForm call(URI base, String address, String operation, WireForm request, Duration timeout) {
        int status;
        String body;
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) base.resolve(operation).toURL().openConnection(Proxy.NO_PROXY);
            http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            http.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setUseCaches(false);
            http.setRequestProperty("Connection", "close");
            http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            try (OutputStream out = http.getOutputStream()) {
                out.write(request.encode().getBytes(StandardCharsets.UTF_8));
            }
            status = http.getResponseCode();
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (SocketTimeoutException e) {
            throw new KafkaTestEnvException("The cluster at " + address + " did not answer '" + operation + "' within "
                    + timeout.toSeconds() + " s" + ("describe".equals(operation) ? ": its start is still running"
                    + " (a first download, or a slow machine); let the build wait for it before the tests (the"
                    + " start goal's waitUntilReady, or kafka:await), or look at its log for a hang" : ""), e);
        } catch (IOException e) {
            throw new KafkaTestEnvException("Cannot reach the cluster at " + address + " for '" + operation
                    + "' (" + e + "): the JVM that served it has ended, or stopped serving it", e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
        WireForm answer = WireForm.decode(body);
        int statusCode = status;
        if (statusCode == 200) {
            return answer;
        }
        if (statusCode == 404) {
            throw new KafkaTestEnvException("The server at " + address + " refused '" + operation + "': it serves no"
                    + " cluster under this secret (it may serve another one now, or a different kafka-testenv version)");
        }
        String message = answer.get("message") == null ? "HTTP " + statusCode : answer.get("message");
        String error = String.valueOf(answer.get("error"));
        switch (error) {
            case "IllegalArgumentException" -> throw new IllegalArgumentException(message);
            case "IllegalStateException" -> throw new IllegalStateException(message);
            default -> throw new KafkaTestEnvException(message);
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + definition + ", bootstrap servers " + bootstrapServers() + ", served at "
                + base.getHost() + ":" + base.getPort() + "]";
    }
}
