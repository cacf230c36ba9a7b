package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.maven.internal.ConsoleClients;
import java.time.Duration;
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
     * The cluster's {@code host:port} list. Default: the cluster that {@code kafka:start} started earlier in this
     * build (its {@code kafka.bootstrap.servers} project property), else {@code 127.0.0.1:9092}, where
     * {@code kafka:run} and Kafka's quickstart listen.
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
     * The bootstrap servers to use: the parameter, else what {@code kafka:start} published in this build, else
     * {@code 127.0.0.1:9092}; checked.
     */
    String bootstrapServers() throws MojoExecutionException {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return ConsoleClients.checkBootstrapServers(bootstrapServers);
        }
        String name = ClusterNames.validate(cluster);
        String property = ClusterNames.propertyPrefix(name) + "bootstrap.servers";
        String published = project == null ? null : project.getProperties().getProperty(property);
        if (published != null && !published.isBlank()) {
            getLog().debug("Bootstrap servers from the project property " + property + ": " + published);
            return ConsoleClients.checkBootstrapServers(published);
        }
        if (!name.isEmpty()) {
            throw new MojoExecutionException("No Kafka cluster named '" + name + "' was started in this build: "
                    + property + " is not set. Run kafka:start with <name>" + name + "</name> before this goal,"
                    + " or give -Dkafka.bootstrapServers=host:port");
        }
        return ConsoleClients.DEFAULT_BOOTSTRAP_SERVERS;
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
