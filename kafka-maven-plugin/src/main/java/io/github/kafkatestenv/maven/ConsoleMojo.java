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
     * The cluster's {@code host:port} list. Its user property, {@code kafka.testenv.bootstrap.servers}, is the one
     * {@code kafka:start} publishes and {@code @EmbeddedKafka} reads. Default: the {@code bootstrap.servers} of
     * {@code clientProperties} if it has one, else the cluster that {@code kafka:start} started earlier in this build
     * (the one named {@code clusterName}, if given), else {@code 127.0.0.1:9092}, where {@code kafka:run} and Kafka's
     * quickstart listen.
     *
     * @since 0.1.0
     */
    @Parameter(property = PluginParameters.BOOTSTRAP_SERVERS_PROPERTY)
    String bootstrapServers;

    /**
     * With no {@code bootstrapServers}, the name of the cluster {@code kafka:start} started in this build (its
     * {@code <clusterName>}), whose {@code kafka.testenv.<clusterName>.bootstrap.servers} property says where it is.
     * Default: the unnamed cluster.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.clusterName")
    String clusterName;

    /**
     * A Kafka client properties file whose settings go into the client's configuration, as with the console tools'
     * {@code --producer.config} and {@code --consumer.config}: {@code security.protocol}, {@code sasl.*},
     * {@code ssl.*} or any other client setting. Its {@code bootstrap.servers} says where the cluster is when
     * {@code bootstrapServers} is not given. The goal's own settings ({@code bootstrapServers}, {@code acks},
     * {@code groupId}, ...) and {@code producerProperties}/{@code consumerProperties} win over the file's. Its user
     * property, {@code kafka.testenv.client.properties}, is the one {@code kafka:start} publishes. Default: when the
     * goal talks to the cluster that {@code kafka:start} started in this build, that cluster's file (the first user's
     * settings), so that the goal works against a secured cluster with nothing to set; else none.
     *
     * @since 0.1.0
     */
    @Parameter(property = PluginParameters.CLIENT_PROPERTIES_PROPERTY)
    File clientProperties;

    /**
     * The topic to write to ({@code produce}) or read from ({@code consume}). Required: there is no default topic.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.topic")
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
        String name = ClusterNames.validate(clusterName);
        String prefix = ClusterNames.propertyPrefix(name);
        String published = projectProperty(prefix + "bootstrap.servers");
        String given = unlessPublished(bootstrapServers, PluginParameters.BOOTSTRAP_SERVERS_PROPERTY);
        given = given == null ? null : ConsoleClients.checkBootstrapServers(given);
        String givenFile = unlessPublished(clientProperties == null ? null : clientProperties.getPath(),
                PluginParameters.CLIENT_PROPERTIES_PROPERTY);
        Map<String, String> settings = new LinkedHashMap<>();
        Path file = null;
        if (givenFile != null) {
            file = clientProperties.toPath();
            settings.putAll(ConsoleClients.readClientProperties(file, "-D"
                    + PluginParameters.CLIENT_PROPERTIES_PROPERTY));
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
                    + prefix + "bootstrap.servers is not set. Run kafka:start with <clusterName>" + name
                    + "</clusterName> before this goal, or give -D" + PluginParameters.BOOTSTRAP_SERVERS_PROPERTY
                    + "=host:port");
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

    /**
     * {@code value}, unless it is what {@code kafka:start} published in this build under {@code property}, the
     * parameter's own user property, which Maven then fills it with: the goal takes the started cluster (the one
     * {@code clusterName} names) from what was published, below.
     */
    private String unlessPublished(String value, String property) {
        if (value == null || value.isBlank() || value.trim().equals(projectProperty(property))) {
            return null;
        }
        return value.trim();
    }

    private String projectProperty(String key) {
        String value = project == null ? null : project.getProperties().getProperty(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** The topic, checked to be given. */
    String topic(String goal) throws MojoExecutionException {
        if (topic == null || topic.isBlank()) {
            throw new MojoExecutionException("No topic given: kafka:" + goal + " needs one, for example"
                    + " -Dkafka.testenv.topic=orders or <topic>orders</topic>");
        }
        return topic.trim();
    }

    /** The {@code timeout} parameter, checked. */
    static Duration timeout(String value) throws MojoExecutionException {
        return ConsoleClients.parseDuration("timeout", value);
    }
}
