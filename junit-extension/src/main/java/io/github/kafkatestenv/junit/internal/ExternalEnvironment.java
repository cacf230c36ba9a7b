package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.Topic;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * An existing cluster named by {@code kafka.testenv.bootstrap.servers}: one per test run, in the run's store.
 * Declared topics are created under a prefix unique to the run; closing deletes every topic with that prefix.
 * Every client, the extension's own too, connects with the settings of the client properties file that
 * {@value EmbeddedKafka#CLIENT_PROPERTIES_FILE_PROPERTY} names, and the
 * {@value EmbeddedKafka#CLIENT_PROPERTY_PREFIX}{@code *} system properties over them, as they were when the run first
 * needed the cluster.
 */
// AutoCloseable is what JUnit 5.13+ and 6 close; CloseableResource what older JUnit 5 closes. Either closes it once.
@SuppressWarnings("deprecation")
final class ExternalEnvironment implements KafkaEnvironment, AutoCloseable,
        ExtensionContext.Store.CloseableResource {

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final String prefix;
    private final Map<String, Topic> created = new HashMap<>();
    private final Map<String, Class<?>> createdFor = new HashMap<>();
    private final Dependents dependents = new Dependents();
    private ExternalTopics topics;

    ExternalEnvironment(String bootstrapServers, Properties systemProperties) {
        this.bootstrapServers = bootstrapServers.trim();
        Map<String, String> properties = new TreeMap<>();
        String file = systemProperties.getProperty(EmbeddedKafka.CLIENT_PROPERTIES_FILE_PROPERTY, "").trim();
        if (!file.isEmpty()) {
            properties.putAll(readClientProperties(Paths.get(file)));
            properties.remove("bootstrap.servers"); // the file's cluster is the one named, or another: the name wins
        }
        for (String key : systemProperties.stringPropertyNames()) {
            if (key.startsWith(EmbeddedKafka.CLIENT_PROPERTY_PREFIX)
                    && !key.equals(EmbeddedKafka.CLIENT_PROPERTIES_FILE_PROPERTY)
                    && key.length() > EmbeddedKafka.CLIENT_PROPERTY_PREFIX.length()) {
                properties.put(key.substring(EmbeddedKafka.CLIENT_PROPERTY_PREFIX.length()),
                        systemProperties.getProperty(key));
            }
        }
        if (properties.containsKey("bootstrap.servers")) {
            throw new ExtensionConfigurationException("System property " + EmbeddedKafka.CLIENT_PROPERTY_PREFIX
                    + "bootstrap.servers is set: name the existing cluster with "
                    + EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY + " alone, and remove it");
        }
        properties.put("bootstrap.servers", this.bootstrapServers);
        this.clientProperties = Collections.unmodifiableMap(properties);
        this.prefix = "kafka-testenv-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static Map<String, String> readClientProperties(Path file) {
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            read.load(in);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("Cannot read the client properties file " + file + " (system"
                    + " property " + EmbeddedKafka.CLIENT_PROPERTIES_FILE_PROPERTY + "): " + e + ". Name an existing,"
                    + " readable file, as kafka:start publishes it", e);
        }
        Map<String, String> settings = new TreeMap<>();
        read.stringPropertyNames().forEach(key -> settings.put(key, read.getProperty(key)));
        return settings;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The {@value EmbeddedKafka#CLIENT_PROPERTY_PREFIX}{@code *} settings for every client; no per-user ones. */
    @Override
    public Map<String, String> clientProperties(Optional<String> user) {
        if (user.isPresent()) {
            // the extension skips such tests on an existing cluster; this is for what it could not see coming
            throw new ParameterResolutionException("Cannot log in as user '" + user.get() + "' on the existing cluster "
                    + bootstrapServers + ": there every client uses the " + EmbeddedKafka.CLIENT_PROPERTY_PREFIX
                    + "* system properties");
        }
        return clientProperties;
    }

    @Override
    public String topicName(String declaredName) {
        return prefix + declaredName;
    }

    @Override
    public Optional<KafkaCluster> cluster() {
        return Optional.empty();
    }

    /** Creates the declaration's topics that this run has not created yet. */
    synchronized void createTopics(Declaration declaration) {
        List<Topic> missing = new ArrayList<>();
        for (Topic topic : declaration.topics()) {
            Topic earlier = created.get(topic.name());
            if (earlier == null) {
                missing.add(topic);
            } else if (!earlier.equals(topic)) {
                throw new ExtensionConfigurationException("@EmbeddedKafka on " + declaration.declaringClass().getName()
                        + " declares topic '" + topic.name() + "' as " + topic + ", but "
                        + createdFor.get(topic.name()).getName() + " declared it as " + earlier
                        + " and both run against the existing cluster " + bootstrapServers
                        + ": declare it the same way in both, or use another name");
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        KafkaClients.require("cannot create topics on the existing cluster " + bootstrapServers + " ("
                + EmbeddedKafkaExtension.BOOTSTRAP_SERVERS_SOURCES + ")");
        if (topics == null) {
            topics = new ExternalTopics(bootstrapServers, clientProperties);
        }
        topics.create(prefix, missing, declaration.declaringClass());
        for (Topic topic : missing) {
            created.put(topic.name(), topic);
            createdFor.put(topic.name(), declaration.declaringClass());
        }
    }

    @Override
    public Dependents dependents() {
        return dependents;
    }

    /** Closes what uses the run's topics, then deletes them. */
    @Override
    public void close() {
        dependents.closeAllBefore(this::deleteTopics);
    }

    private synchronized void deleteTopics() {
        if (topics != null) {
            topics.deleteAll(prefix);
        }
    }
}
