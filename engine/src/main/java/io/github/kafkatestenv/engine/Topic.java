package io.github.kafkatestenv.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A topic to create: name, partitions, replication factor and topic configs (for example
 * {@code cleanup.policy=compact}).
 *
 * <pre>{@code
 * Topic.of("orders").withPartitions(3).withReplicationFactor(3);
 * Topic.parse("orders:3:3");
 * }</pre>
 *
 * @param name              a legal Kafka topic name
 * @param partitions        at least 1
 * @param replicationFactor at least 1, and at most the number of brokers of the cluster it is created in
 * @param configs           topic-level configs, unmodifiable
 */
public record Topic(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_NAME_LENGTH = 249;

    public Topic {
        validateName(name);
        if (partitions < 1) {
            throw new InvalidSettingException("Topic '" + name + "' has " + partitions
                    + " partitions: a topic needs at least 1", Setting.TOPICS);
        }
        if (replicationFactor < 1) {
            throw new InvalidSettingException("Topic '" + name + "' has replication factor " + replicationFactor
                    + ": it must be at least 1", Setting.TOPICS);
        }
        configs = Map.copyOf(configs == null ? Map.of() : configs);
    }

    /** One partition, replication factor 1, no configs. */
    public static Topic of(String name) {
        return new Topic(name, 1, 1, Map.of());
    }

    /**
     * Parses {@code name[:partitions[:replicationFactor]]}, for example {@code orders:3:1}; what is left out is 1.
     *
     * @throws InvalidSettingException naming the text and the expected form
     */
    public static Topic parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        String[] parts = text.split(":", -1);
        if (text.isEmpty() || parts.length > 3) {
            throw new InvalidSettingException("Invalid topic '" + spec
                    + "': use name[:partitions[:replicationFactor]], for example orders:3:1", Setting.TOPICS);
        }
        int partitions = parts.length > 1 ? parseNumber(spec, parts[1], "partitions") : 1;
        int replicationFactor = parts.length > 2 ? parseNumber(spec, parts[2], "replication factor") : 1;
        return new Topic(parts[0].trim(), partitions, replicationFactor, Map.of());
    }

    /** Parses a comma-separated list of {@link #parse} forms; blanks are skipped. */
    public static java.util.List<Topic> parseList(String specs) {
        java.util.List<Topic> topics = new java.util.ArrayList<>();
        if (specs != null) {
            for (String spec : specs.split(",")) {
                if (!spec.isBlank()) {
                    topics.add(parse(spec));
                }
            }
        }
        return topics;
    }

    public Topic withPartitions(int count) {
        return new Topic(name, count, replicationFactor, configs);
    }

    public Topic withReplicationFactor(int factor) {
        return new Topic(name, partitions, factor, configs);
    }

    /** This topic with one more config, for example {@code withConfig("min.insync.replicas", "2")}. */
    public Topic withConfig(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(configs);
        merged.put(key, value);
        return new Topic(name, partitions, replicationFactor, merged);
    }

    /** Throws an {@link InvalidSettingException} unless {@code name} is a legal topic name. */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSettingException("A topic needs a name: use letters, digits, '.', '_' or '-'",
                    Setting.TOPICS);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidSettingException("Invalid topic name '" + name + "': '.' and '..' are not allowed",
                    Setting.TOPICS);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidSettingException("Invalid topic name '" + name.substring(0, 20) + "...' ("
                    + name.length() + " characters): at most " + MAX_NAME_LENGTH + " are allowed", Setting.TOPICS);
        }
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new InvalidSettingException("Invalid topic name '" + name
                    + "': use only letters, digits, '.', '_' and '-'" + (name.contains("${")
                            ? " (nothing replaced that placeholder: write the topic's name itself, or define the property)" : ""),
                    Setting.TOPICS);
        }
    }

    private static int parseNumber(String spec, String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("Invalid topic '" + spec + "': " + what + " '" + text
                    + "' is not a number; use name[:partitions[:replicationFactor]], for example orders:3:1",
                    Setting.TOPICS);
        }
    }
}
