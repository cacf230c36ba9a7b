package io.github.kafkatestenv.maven.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * What the {@code produce} and {@code consume} goals share: checked inputs (bootstrap servers, durations,
 * {@code key=value} lists), quiet client logging, and a first look at the cluster that tells an unreachable cluster
 * from a missing topic.
 */
public final class ConsoleClients {

    /** Where a client looks when nothing else says: Kafka's own default listener. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:,\\[\\]]+):(\\d{1,5})");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private ConsoleClients() {
    }

    /**
     * A client id that says who connected, in the brokers' logs and in the client's thread names
     * ({@code kafka-testenv-console-produce-1}); unique in the JVM, so that goals running side by side ({@code -T})
     * do not clash over the client's JMX name.
     */
    public static String clientId(String role) {
        return "kafka-testenv-console-" + role + "-" + CLIENTS.incrementAndGet();
    }

    /**
     * Keeps kafka-clients' INFO chatter (every config value, app info, group joins) and its connection retries out of
     * the build's output: Maven's slf4j simple logger reads these properties when a logger is first created, so they
     * are set before the first client. A level the user set
     * ({@code -Dorg.slf4j.simpleLogger.log.org.apache.kafka=info}) wins. The connection warnings are left out
     * because the goals report an unreachable cluster themselves.
     */
    public static void quietKafkaLogging() {
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Checks a {@code host:port[,host:port...]} list and returns it without blanks.
     *
     * @throws MojoExecutionException naming the value and the form expected
     */
    public static String checkBootstrapServers(String servers) throws MojoExecutionException {
        List<String> checked = new ArrayList<>();
        for (String server : (servers == null ? "" : servers).split(",")) {
            String trimmed = server.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher matcher = HOST_PORT.matcher(trimmed);
            int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : -1;
            if (port < 1 || port > 65535) {
                throw new MojoExecutionException("Invalid bootstrap server '" + trimmed + "' in '" + servers
                        + "': write host:port[,host:port...], for example"
                        + " -Dkafka.testenv.bootstrap.servers=127.0.0.1:9092");
            }
            checked.add(trimmed);
        }
        if (checked.isEmpty()) {
            throw new MojoExecutionException("No bootstrap servers given ('" + servers + "'): write"
                    + " host:port[,host:port...], for example -Dkafka.testenv.bootstrap.servers=127.0.0.1:9092");
        }
        return String.join(",", checked);
    }

    /**
     * Parses a duration: a number of seconds ({@code 10}), a number with a unit ({@code 500ms}, {@code 10s},
     * {@code 2m}, {@code 1h}) or an ISO-8601 duration ({@code PT10S}). It must be positive.
     *
     * @param parameter the parameter's name, for the message
     * @throws MojoExecutionException naming the parameter, the value and the forms accepted
     */
    public static Duration parseDuration(String parameter, String value) throws MojoExecutionException {
        String trimmed = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Duration duration = null;
        Matcher matcher = SHORT_DURATION.matcher(trimmed);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                duration = switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else if (trimmed.startsWith("p")) {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            duration = null;
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new MojoExecutionException("Invalid " + parameter + " '" + value + "': write a positive number of"
                    + " seconds (10), a number with a unit (500ms, 10s, 2m) or an ISO-8601 duration (PT10S)");
        }
        return duration;
    }

    /** A duration as messages show it: {@code 10 s}, {@code 0.5 s}. */
    public static String describe(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return seconds == Math.rint(seconds)
                ? String.format(Locale.ROOT, "%d s", (long) seconds)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /**
     * Parses {@code key=value} entries, split at the first {@code =} so that values may contain one; blank entries
     * are skipped.
     *
     * @param parameter the parameter's name, for the message ({@code producerProperties})
     * @param example   an entry that works, for the message
     * @throws MojoExecutionException naming the parameter, the entry and the form expected
     */
    public static Map<String, String> parseKeyValues(String parameter, List<String> entries, String example)
            throws MojoExecutionException {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (entries == null) {
            return parsed;
        }
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String key = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (key.isEmpty()) {
                throw new MojoExecutionException("Invalid " + parameter + " entry '" + entry.trim()
                        + "': write key=value, for example -Dkafka.testenv." + parameter + "=" + example);
            }
            String value = entry.substring(equals + 1).trim();
            String previous = parsed.put(key, value);
            if (previous != null) {
                throw new MojoExecutionException(parameter + " gives '" + key + "' twice ('" + previous + "' and '"
                        + value + "'): give it once");
            }
        }
        return parsed;
    }

    /**
     * Reads a Kafka client properties file, as Kafka's console tools read {@code --producer.config}: with
     * {@link Properties#load(java.io.InputStream)}, values as they are.
     *
     * @param origin where the path came from, for the message ({@code -Dkafka.testenv.client.properties})
     * @throws MojoExecutionException naming the file and where its path came from, if it cannot be read
     */
    public static Map<String, String> readClientProperties(Path file, String origin) throws MojoExecutionException {
        if (!Files.isRegularFile(file)) {
            throw new MojoExecutionException("Cannot read the client properties file " + file + " (" + origin
                    + "): it does not exist or is not a file. Give an existing file with"
                    + " -Dkafka.testenv.client.properties=path");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("Cannot read the client properties file " + file + " (" + origin
                    + "): " + e, e);
        }
        Map<String, String> read = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            read.put(key, properties.getProperty(key));
        }
        return read;
    }

    /**
     * Whether a client with these settings uses a secured listener, where an authorizer may hide topics the client's
     * user may not describe.
     */
    public static boolean secured(Map<String, String> clientProperties) {
        String protocol = clientProperties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return protocol != null && !protocol.trim().equalsIgnoreCase("PLAINTEXT");
    }

    /**
     * Rejects client properties that the goal sets itself.
     *
     * @throws MojoExecutionException naming the property and the parameter to use instead
     */
    public static void rejectOwnProperties(String parameter, Map<String, String> properties, Map<String, String> owned)
            throws MojoExecutionException {
        for (Map.Entry<String, String> entry : owned.entrySet()) {
            if (properties.containsKey(entry.getKey())) {
                throw new MojoExecutionException(parameter + " sets '" + entry.getKey() + "', which this goal sets"
                        + " itself: " + entry.getValue());
            }
        }
    }

    /**
     * Connects an admin client with the connection settings among {@code clientProperties} (security, SASL, SSL) and
     * returns the cluster's topics, internal ones left out.
     *
     * @throws MojoExecutionException if the cluster cannot be reached within {@code timeout}, naming the bootstrap
     *                                servers and what to check, or if the client configuration is invalid
     */
    public static Set<String> listTopics(String bootstrapServers, Map<String, String> clientProperties,
                                         Duration timeout) throws MojoExecutionException {
        Properties config = new Properties();
        Set<String> adminKeys = AdminClientConfig.configNames();
        clientProperties.forEach((key, value) -> {
            if (adminKeys.contains(key)) {
                config.put(key, value);
            }
        });
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId("admin"));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        Admin admin = createClient(bootstrapServers, () -> Admin.create(config));
        try {
            return new TreeSet<>(admin.listTopics().names().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while connecting to Kafka at " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof TimeoutException) {
                throw unreachable(bootstrapServers, timeout, cause);
            }
            throw new MojoExecutionException("Cannot list the topics of Kafka at " + bootstrapServers + ": " + cause
                    + ". Check bootstrapServers and the security settings in the client properties", cause);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** The failure for a cluster that did not answer in time. */
    public static MojoExecutionException unreachable(String bootstrapServers, Duration timeout, Throwable cause) {
        return new MojoExecutionException("Cannot reach Kafka at " + bootstrapServers + " within " + describe(timeout)
                + ": check that a cluster runs there (mvn kafka:run, or kafka:start earlier in this build), that"
                + " bootstrapServers is right (-Dkafka.testenv.bootstrap.servers=host:port), and that the security"
                + " settings"
                + " match the listener; -Dkafka.testenv.timeout waits longer", cause);
    }

    /** A client factory that may fail on its configuration. */
    public interface ClientFactory<C> {
        C create();
    }

    /**
     * Creates a client, turning a configuration Kafka rejects (an unresolvable host, a bad value) into a build error.
     *
     * @throws MojoExecutionException with Kafka's message and the bootstrap servers
     */
    public static <C> C createClient(String bootstrapServers, ClientFactory<C> factory) throws MojoExecutionException {
        try {
            return factory.create();
        } catch (KafkaException e) {
            Throwable cause = e; // "Failed to construct kafka producer" wraps what is wrong
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new MojoExecutionException("Cannot create a Kafka client for " + bootstrapServers + ": "
                    + cause.getMessage() + ". Check bootstrapServers and the client properties", e);
        }
    }

    /** Turns {@code \t} in a separator into a tab, so that a tab can be written in a pom or on a command line. */
    public static String unescape(String separator) {
        return separator == null ? null : separator.replace("\\t", "\t");
    }

    /** How messages show a separator: quoted, tabs as {@code \t}. */
    public static String show(String separator) {
        return "'" + escape(separator) + "'";
    }

    /** A separator with tabs written as {@code \t}. */
    public static String escape(String separator) {
        return separator.replace("\t", "\\t");
    }

    /** {@code 1 record}, {@code 2 records}. */
    public static String records(long count) {
        return count + (count == 1 ? " record" : " records");
    }
}
