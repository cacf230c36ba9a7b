package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.ConsoleClients;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the console goals, {@code produce} and {@code consume}, share: which cluster and which topic. They talk to
 * any cluster, not only one this plugin started, through the plugin's own kafka-clients.
 */
abstract class ConsoleMojo extends AbstractMojo {

    /**
     * The cluster's {@code host:port} list. Default: the {@code bootstrap.servers} of {@code clientProperties} if it
     * has one, else the cluster that {@code kafka:start} started earlier in this build (its
     * {@code kafka.bootstrap.servers} project property), else {@code 127.0.0.1:9092}, where {@code kafka:run} and
     * Kafka's quickstart listen.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.bootstrapServers")
    String bootstrapServers;

    /**
     * With no {@code bootstrapServers}, the name of the cluster {@code kafka:start} started in this build (its
     * {@code <name>}), whose {@code kafka.<name>.bootstrap.servers} property says where it is. Default: the unnamed
     * cluster.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.cluster")
    String cluster;

    /**
     * A Kafka client properties file whose settings go into the client's configuration, as with the console tools'
     * {@code --producer.config} and {@code --consumer.config}: {@code security.protocol}, {@code sasl.*},
     * {@code ssl.*} or any other client setting. Its {@code bootstrap.servers} says where the cluster is when
     * {@code bootstrapServers} is not given. The goal's own settings ({@code bootstrapServers}, {@code acks},
     * {@code groupId}, ...) and {@code producerProperties}/{@code consumerProperties} win over the file's. Default:
     * when the goal talks to the cluster that {@code kafka:start} started in this build, that cluster's
     * {@code kafka.client.properties} (the first user's settings), so that the goal works against a secured cluster
     * with nothing to set; else none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.clientProperties")
    File clientProperties;

    /**
     * The topic to write to ({@code produce}) or read from ({@code consume}). Required: there is no default topic.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.topic")
    String topic;

    /** The project, or Maven's standalone stand-in when there is no pom. */
    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    /**
     * Where and how the goal connects: the bootstrap servers (the parameter, else the client properties file's, else
     * what {@code kafka:start} published in this build, else {@code 127.0.0.1:9092}; checked) and the settings of
     * the client properties file (the parameter, else, for the cluster {@code kafka:start} started, the one it
     * published), without the keys in {@code owned}, which the goal sets itself.
     *
     * @param owned the client settings the goal sets itself, which a file's settings do not replace
     */
    Connection connection(String goal, Set<String> owned) throws MojoExecutionException {
        String name = ClusterNames.validate(cluster);
        String prefix = ClusterNames.propertyPrefix(name);
        String published = projectProperty(prefix + "bootstrap.servers");
        String given = bootstrapServers == null || bootstrapServers.isBlank() ? null
                : ConsoleClients.checkBootstrapServers(bootstrapServers);
        Map<String, String> settings = new LinkedHashMap<>();
        Path file = null;
        if (clientProperties != null) {
            file = clientProperties.toPath();
            settings.putAll(ConsoleClients.readClientProperties(file, "-Dkafka.clientProperties"));
        } else if (published != null
                && (given == null || given.equals(ConsoleClients.checkBootstrapServers(published)))) {
            String publishedFile = projectProperty(prefix + "client.properties");
            if (publishedFile != null) {
                file = Paths.get(publishedFile);
                getLog().debug("Client properties of the cluster kafka:start started, from " + prefix
                        + "client.properties: " + file);
                settings.putAll(ConsoleClients.readClientProperties(file, prefix + "client.properties, published by"
                        + " kafka:start"));
            }
        }
        String fromFile = settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        String servers;
        if (given != null) {
            servers = given;
        } else if (fromFile != null && !fromFile.isBlank()) {
            servers = ConsoleClients.checkBootstrapServers(fromFile);
            getLog().debug("Bootstrap servers from " + file + ": " + servers);
        } else if (published != null) {
            getLog().debug("Bootstrap servers from the project property " + prefix + "bootstrap.servers: "
                    + published);
            servers = ConsoleClients.checkBootstrapServers(published);
        } else if (!name.isEmpty()) {
            throw new MojoExecutionException("No Kafka cluster named '" + name + "' was started in this build: "
                    + prefix + "bootstrap.servers is not set. Run kafka:start with <name>" + name + "</name> before"
                    + " this goal, or give -Dkafka.bootstrapServers=host:port");
        } else {
            servers = ConsoleClients.DEFAULT_BOOTSTRAP_SERVERS;
        }
        List<String> ignored = settings.keySet().stream().filter(owned::contains).sorted().toList();
        if (!ignored.isEmpty()) {
            settings.keySet().removeAll(ignored);
            getLog().info("Not taking " + String.join(", ", ignored) + " from " + file + ": kafka:" + goal
                    + " sets " + (ignored.size() == 1 ? "it" : "them") + " itself");
        }
        return new Connection(servers, settings);
    }

    /**
     * Where the goal connects and the client settings from a client properties file, which the goal's
     * {@code producerProperties} or {@code consumerProperties} go over.
     */
    record Connection(String bootstrapServers, Map<String, String> fileSettings) {

        /** The file's settings with {@code properties} over them. */
        Map<String, String> settingsWith(Map<String, String> properties) {
            Map<String, String> merged = new LinkedHashMap<>(fileSettings);
            merged.putAll(properties);
            return merged;
        }
    }

    private String projectProperty(String key) {
        String value = project == null ? null : project.getProperties().getProperty(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** The topic, checked to be given. */
    String topic(String goal) throws MojoExecutionException {
        if (topic == null || topic.isBlank()) {
            throw new MojoExecutionException("No topic given: kafka:" + goal + " needs one, for example"
                    + " -Dkafka.topic=orders or <topic>orders</topic>");
        }
        return topic.trim();
    }

    /** The {@code timeout} parameter, checked. */
    static Duration timeout(String value) throws MojoExecutionException {
        return ConsoleClients.parseDuration("timeout", value);
    }
}
