package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.engine.User;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ClusterDefinition} as text, and back: how a definition crosses a process boundary (to another JVM that
 * attaches to a served cluster, to the host JVM of a kept cluster), and the key under which equal definitions find
 * each other's kept clusters.
 *
 * <p><b>Form.</b> One setting a line, {@code name value...}, each value percent-encoded (UTF-8, as in a URL query)
 * so that no value can split a line or a field. The first line names the form and its version. Lists keep their
 * order where it means something (topics, users: the first is the clients' default, grants); maps are sorted by key,
 * as their order means nothing. The same definition always gives the same text.
 *
 * <p><b>Key.</b> A SHA-256 digest of the lines that shape the cluster: everything but {@link #PLACE_LINES}, which say
 * where files go, how long a start may take, and whether files stay after close, but not what a client sees. Two
 * definitions that differ only there give interchangeable clusters, so they share a key: the plugin's
 * {@code target/kafka-testenv} and the extension's temp directory must not keep a warm re-run from its cluster. A
 * kept cluster lives in a host directory of its own anyway, and deletes it when it stops.
 */
public final class DefinitionText {

    /** The first line of every text, naming the form's version: a new form gets a new version, and new keys. */
    static final String HEADER = "kafka-testenv-definition 1";

    /** Lines that do not shape the cluster, left out of the key. */
    static final List<String> PLACE_LINES = List.of("startTimeout", "workDirectory", "keepDirectory");

    private DefinitionText() {
    }

    /** The canonical text of {@code definition}. */
    public static String write(ClusterDefinition definition) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        line(lines, "kafkaVersion", definition.kafkaVersion());
        line(lines, "mode", definition.mode().name());
        line(lines, "brokers", Integer.toString(definition.brokers()));
        line(lines, "placement", definition.placement().name());
        if (definition.javaHome() != null) {
            line(lines, "javaHome", definition.javaHome().toString());
        }
        line(lines, "brokerPort", Integer.toString(definition.brokerPort()));
        line(lines, "zookeeperPort", Integer.toString(definition.zookeeperPort()));
        for (Path jar : definition.runtimeClasspath()) {
            line(lines, "runtimeJar", jar.toString());
        }
        new TreeMap<>(definition.brokerProperties()).forEach((key, value) -> line(lines, "brokerProperty", key, value));
        for (Topic topic : definition.topics()) {
            line(lines, "topic", topic.name(), Integer.toString(topic.partitions()),
                    Integer.toString(topic.replicationFactor()));
            new TreeMap<>(topic.configs()).forEach((key, value) -> line(lines, "topicConfig", topic.name(), key, value));
        }
        line(lines, "securityProtocol", definition.securityProtocol().name());
        if (definition.securityProtocol().usesSasl()) {
            line(lines, "saslMechanism", definition.saslMechanism().name());
        }
        line(lines, "mutualTls", Boolean.toString(definition.mutualTls()));
        line(lines, "authorizer", Boolean.toString(definition.authorizer()));
        for (User user : definition.users()) {
            line(lines, "user", user.name(), user.password());
        }
        for (String superUser : definition.superUsers()) {
            line(lines, "superUser", superUser);
        }
        for (Grant grant : definition.grants()) {
            line(lines, "grant", grant.principal(), grant.resourceType().name(), grant.resourceName(),
                    grant.prefixed() ? "prefixed" : "literal",
                    grant.operations().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));
        }
        line(lines, "startTimeout", definition.startTimeout().toString());
        if (definition.workDirectory() != null) {
            line(lines, "workDirectory", definition.workDirectory().toString());
        }
        line(lines, "keepDirectory", Boolean.toString(definition.keepDirectory()));
        return String.join("\n", lines) + "\n";
    }

    /** The key of {@code definition}: equal for definitions that differ at most in {@link #PLACE_LINES}. */
    public static String key(ClusterDefinition definition) {
        StringBuilder shape = new StringBuilder();
        for (String line : write(definition).split("\n")) {
            if (!PLACE_LINES.contains(line.split(" ", 2)[0])) {
                shape.append(line).append('\n');
            }
        }
        try {
            byte[] text = shape.toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The definition {@link #write} wrote, validated as any built definition is.
     *
     * @throws IllegalArgumentException if {@code text} is not such a text, naming the line
     */
    public static ClusterDefinition read(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("Not a cluster definition of this kafka-testenv version: it should"
                    + " begin with '" + HEADER + "', but begins with '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        ClusterDefinition.Builder builder = ClusterDefinition.builder();
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(" ", -1);
            for (int f = 1; f < fields.length; f++) {
                fields[f] = URLDecoder.decode(fields[f], StandardCharsets.UTF_8);
            }
            try {
                apply(builder, topics, fields);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid line " + (i + 1) + " of a cluster definition ('"
                        + fields[0] + " ...'): " + e.getMessage(), e);
            }
        }
        return builder.topics(topics.values()).build();
    }

    private static void apply(ClusterDefinition.Builder builder, Map<String, Topic> topics, String[] f) {
        switch (f[0]) {
            case "kafkaVersion" -> builder.kafkaVersion(f[1]);
            case "mode" -> builder.mode(Mode.valueOf(f[1]));
            case "brokers" -> builder.brokers(Integer.parseInt(f[1]));
            case "placement" -> builder.placement(Placement.valueOf(f[1]));
            case "javaHome" -> builder.javaHome(Paths.get(f[1]));
            case "brokerPort" -> builder.brokerPort(Integer.parseInt(f[1]));
            case "zookeeperPort" -> builder.zookeeperPort(Integer.parseInt(f[1]));
            case "runtimeJar" -> builder.runtimeClasspath(List.of(Paths.get(f[1])));
            case "brokerProperty" -> builder.brokerProperty(f[1], f[2]);
            case "topic" -> topics.put(f[1], new Topic(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Map.of()));
            case "topicConfig" -> topics.computeIfPresent(f[1], (name, topic) -> topic.withConfig(f[2], f[3]));
            case "securityProtocol" -> builder.securityProtocol(SecurityProtocol.valueOf(f[1]));
            case "saslMechanism" -> builder.saslMechanism(SaslMechanism.valueOf(f[1]));
            case "mutualTls" -> builder.mutualTls(Boolean.parseBoolean(f[1]));
            case "authorizer" -> builder.authorizer(Boolean.parseBoolean(f[1]));
            case "user" -> builder.user(new User(f[1], f.length > 2 ? f[2] : ""));
            case "superUser" -> builder.superUser(f[1]);
            case "grant" -> builder.grant(new Grant(f[1], Grant.ResourceType.valueOf(f[2]), f[3], f[4].equals("prefixed"),
                    java.util.Arrays.stream(f[5].split(",")).map(Grant.Operation::valueOf)
                            .collect(java.util.stream.Collectors.toSet())));
            case "startTimeout" -> builder.startTimeout(Duration.parse(f[1]));
            case "workDirectory" -> builder.workDirectory(Paths.get(f[1]));
            case "keepDirectory" -> builder.keepDirectory(Boolean.parseBoolean(f[1]));
            default -> throw new IllegalArgumentException("unknown setting '" + f[0] + "'");
        }
    }

    private static void line(List<String> lines, String name, String... values) {
        StringBuilder line = new StringBuilder(name);
        for (String value : values) {
            line.append(' ').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        lines.add(line.toString());
    }
}
