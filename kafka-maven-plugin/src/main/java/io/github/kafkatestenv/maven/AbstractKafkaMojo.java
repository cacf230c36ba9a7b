package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.maven.internal.RuntimeResolver;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every goal that starts a cluster shares: which cluster (mode, brokers, Kafka version, topics, broker
 * properties), where its files go, and how its Kafka runtime is resolved. Each goal declares its own ports, because
 * their defaults differ: {@code run} takes Kafka's well-known ports, goals that run beside tests take free ones.
 *
 * <p>Every parameter has a {@code kafka.*} user property, so that a goal works from the command line with no pom.
 */
abstract class AbstractKafkaMojo extends AbstractMojo {

    /**
     * How the cluster keeps its metadata: {@code zookeeper} (a ZooKeeper server and brokers registered in it;
     * Kafka 3.9.x only) or {@code kraft} (combined broker and controller nodes). Left unset, the version decides:
     * ZooKeeper for 3.9.x, as Kafka's classic quickstart runs it, and KRaft for 4.x, which has no ZooKeeper.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.mode")
    String mode;

    /**
     * The number of brokers, 1 to 9; brokers 2..N listen on the ports after the first broker's. Default 1: one
     * broker is all a local application or a test needs unless it exercises replication.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.brokers", defaultValue = "1")
    int brokers;

    /**
     * The Kafka version the brokers run: any 3.9.x or 4.x release. Its jars ({@code kafka_2.13} and its runtime
     * dependencies) are resolved from the build's repositories, so mirrors, {@code settings.xml} and {@code -o} apply.
     * Default 3.9.2, the last release that still has ZooKeeper mode; a 4.x version without a mode means KRaft.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.version", defaultValue = ClusterDefinition.DEFAULT_KAFKA_VERSION)
    String kafkaVersion;

    /**
     * Topics to create before the cluster counts as ready. On the command line, a comma-separated list of
     * {@code name[:partitions[:replicationFactor]]}, where what is left out is 1:
     * {@code -Dkafka.topics=orders:3:3,audit}. In a pom, one {@code <topic>} each: either that short form,
     * {@code <topic>orders:3:3</topic>}, or {@code <name>}, {@code <partitions>}, {@code <replicationFactor>} and
     * {@code <configs>} elements, for example {@code <configs><cleanup.policy>compact</cleanup.policy></configs>}.
     * Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.topics")
    List<TopicParameter> topics = new ArrayList<>();

    /**
     * Broker properties for every broker, over kafka-testenv's test-friendly defaults, each {@code key=value}. On the
     * command line a comma-separated list, {@code -Dkafka.brokerProperties=log.retention.ms=60000,num.io.threads=4};
     * in a pom one {@code <brokerProperty>key=value</brokerProperty>} per property. Ports, directories, node ids and
     * the quorum are set by kafka-testenv and cannot be overridden. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.brokerProperties")
    List<String> brokerProperties = new ArrayList<>();

    /**
     * Where the cluster makes its own directory ({@code kafka-testenv-<id>}: every node's data and the log file).
     * Default: {@code kafka-testenv} in the project's build directory ({@code target/kafka-testenv}), so that
     * {@code mvn clean} removes what a killed build left; without a pom the system temp directory, so that
     * {@code run} leaves nothing in the current directory. Directories of processes that are gone are removed at the
     * next start in the same place.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.workDirectory")
    File workDirectory;

    /**
     * Keep the cluster's directory, with its data and log file, after the cluster stops. Default false: a stopped
     * cluster leaves nothing behind; keep it to read the log after a failure.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.keepDirectory", defaultValue = "false")
    boolean keepDirectory;

    /**
     * How clients connect to the brokers' listener, the one in the bootstrap servers: {@code PLAINTEXT},
     * {@code SASL_PLAINTEXT} (clients log in as one of the {@code users}), {@code SSL} (TLS; with {@code mutualTls},
     * a client certificate per user) or {@code SASL_SSL} (a login over TLS). With TLS the cluster makes its own
     * certificate authority at start. What a client then needs is in the client properties files that {@code start}
     * publishes ({@code kafka.client.properties}) and {@code run} prints. Default {@code PLAINTEXT}: what a local
     * cluster and most tests need.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.securityProtocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    /**
     * The users clients log in as (SASL) or hold a client certificate for (mutual TLS); the first one's client
     * properties are the default ones. In a pom, one {@code <user>} each, with {@code <name>} and {@code <password>}
     * elements or in the short form {@code <user>alice:alice-secret</user>}; on the command line a comma-separated
     * list, {@code -Dkafka.users=alice:alice-secret,bob:bob-secret} (where a password cannot hold a comma).
     * Passwords are never logged. Default: none, as {@code PLAINTEXT} needs none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.users")
    List<UserParameter> users = new ArrayList<>();

    /**
     * The SASL mechanism of the client properties the cluster hands out: {@code PLAIN}, {@code SCRAM-SHA-256} or
     * {@code SCRAM-SHA-512}. The brokers accept all three for every user. Only with {@code SASL_PLAINTEXT} or
     * {@code SASL_SSL}. Default: unset, which means {@code PLAIN}, the simplest for other tools to set up.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.saslMechanism")
    String saslMechanism;

    /**
     * Require a client certificate on the TLS listener ({@code SSL} or {@code SASL_SSL}): each user gets one, with
     * subject {@code CN=<name>}, in the TLS directory, and the broker sees it as {@code User:<name>}. Default false:
     * one-way TLS, as most clusters run it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.mutualTls", defaultValue = "false")
    boolean mutualTls;

    /**
     * Run an ACL authorizer on the brokers, so that a user may do only what a grant allows. Implied by
     * {@code superUsers} and {@code grants}. Default false: every user that logs in may do everything.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.authorizer", defaultValue = "false")
    boolean authorizer;

    /**
     * Users ({@code alice} or {@code User:alice}) the authorizer allows everything: a comma-separated list on the
     * command line, {@code -Dkafka.superUsers=admin}, one {@code <superUser>} each in a pom. Implies the authorizer.
     * Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.superUsers")
    List<String> superUsers = new ArrayList<>();

    /**
     * ACLs to create before the cluster counts as ready, each {@code <user> <resource> <operations>}: a user name
     * (or {@code User:<name>}); {@code topic:<name>}, {@code group:<name>}, {@code transactional_id:<name>} or
     * {@code cluster}, where a name ending in {@code *} is a prefix and {@code *} alone means all; comma-separated
     * operations such as {@code read}, {@code write}, {@code describe} or {@code all}. In a pom one {@code <grant>}
     * each, {@code <grant>alice topic:orders read,write</grant>}; on the command line separated by {@code ;},
     * {@code -Dkafka.grants="alice topic:orders read,write;alice group:orders-* read"}. Implies the authorizer, under
     * which a user without a grant may do nothing. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.grants")
    GrantsParameter grants;

    /**
     * Skip this goal. Default false.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.skip", defaultValue = "false")
    boolean skip;

    /** The project, or Maven's standalone stand-in when there is no pom. */
    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    /** The build's repository session: local repository, offline mode, mirrors, proxies, authentication. */
    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    /** The repositories the project resolves its dependencies from, mirrors already applied. */
    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> remoteRepositories;

    @Component
    RepositorySystem repositorySystem;

    /** The build's session: its user and system properties ({@code -D}). */
    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** This execution, with its configuration: tells a configured parameter from one left to its property. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /** The first broker's port for this goal; 0 for free ports. */
    abstract int port();

    /** The ZooKeeper port for this goal; 0 for a free one. Unused in KRaft mode. */
    abstract int zookeeperPort();

    /** This goal's default for {@link #port()}, taken instead of a {@code kafka.port} project property. */
    abstract int defaultPort();

    /** This goal's default for {@link #zookeeperPort()}, as {@link #defaultPort()}. */
    abstract int defaultZookeeperPort();

    /** Whether the goal is to do nothing; says so when it is. */
    boolean skipped() {
        if (inheritedFromProject("skip", "kafka.skip")) {
            skip = false;
        }
        if (skip) {
            getLog().info("Skipping: kafka.skip is true");
        }
        return skip;
    }

    /**
     * The cluster the parameters describe, validated by the engine.
     *
     * @throws MojoExecutionException with the engine's message (what is wrong, the value, what to do)
     */
    ClusterDefinition definition() throws MojoExecutionException {
        ignoreProjectProperties();
        try {
            int brokerPort = inheritedFromProject("port", "kafka.port") ? defaultPort() : port();
            int zooKeeperPort = inheritedFromProject("zookeeperPort", "kafka.zookeeperPort")
                    ? defaultZookeeperPort() : zookeeperPort();
            ClusterDefinition.Builder builder = ClusterDefinition.builder()
                    .kafkaVersion(kafkaVersion)
                    .brokers(brokers)
                    .brokerPort(brokerPort)
                    .brokerProperties(parseBrokerProperties(brokerProperties))
                    .workDirectory(workDirectory())
                    .keepDirectory(keepDirectory);
            if (mode != null && !mode.isBlank()) {
                builder.mode(Mode.parse(mode));
            }
            if (topics != null) {
                for (TopicParameter topic : topics) {
                    builder.topics(topic.toTopics());
                }
            }
            security(builder);
            ClusterDefinition definition = builder.build();
            // The ZooKeeper port only matters, and is only checked against the broker ports, in ZooKeeper mode.
            return definition.mode() == Mode.ZOOKEEPER
                    ? definition.toBuilder().zookeeperPort(zooKeeperPort).build()
                    : definition;
        } catch (KafkaTestEnvException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Adds the listener's security, users and ACLs to {@code builder}; the engine checks how they fit together. */
    private void security(ClusterDefinition.Builder builder) {
        if (securityProtocol != null && !securityProtocol.isBlank()) {
            builder.securityProtocol(SecurityProtocol.parse(securityProtocol));
        }
        if (users != null) {
            for (UserParameter user : users) {
                builder.user(user.toUser());
            }
        }
        if (saslMechanism != null && !saslMechanism.isBlank()) {
            builder.saslMechanism(saslMechanism);
        }
        builder.mutualTls(mutualTls).authorizer(authorizer);
        if (superUsers != null) {
            superUsers.stream().filter(user -> user != null && !user.isBlank()).forEach(builder::superUser);
        }
        if (grants != null) {
            builder.grants(grants.toGrants());
        }
    }

    /**
     * Resolves the definition's Kafka runtime through the build's repositories and starts the cluster; returns once
     * it is ready.
     *
     * @throws MojoExecutionException if the runtime cannot be resolved (naming the coordinates and repositories) or
     *                                the cluster does not start (with the engine's message and the log's tail)
     */
    KafkaCluster startCluster(ClusterDefinition definition) throws MojoExecutionException {
        RuntimeResolver resolver = new RuntimeResolver(repositorySystem, repositorySession,
                remoteRepositories == null ? List.of() : remoteRepositories);
        List<Path> runtime = resolver.resolve(definition.kafkaVersion(), definition.runtimeArtifacts());
        getLog().debug("Kafka " + definition.kafkaVersion() + " runtime: " + runtime);
        try {
            return definition.toBuilder().runtimeClasspath(runtime).build().start();
        } catch (KafkaTestEnvException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * Resets the parameters whose value came from a project property (a pom's or a parent's {@code <properties>})
     * rather than from this plugin's configuration or {@code -D}: such {@code kafka.*} properties often belong to
     * something else, as Spring Boot's {@code kafka.version} (its kafka-clients version) does. Says so for each.
     */
    void ignoreProjectProperties() {
        if (inheritedFromProject("mode", "kafka.mode")) {
            mode = null;
        }
        if (inheritedFromProject("brokers", "kafka.brokers")) {
            brokers = 1;
        }
        if (inheritedFromProject("kafkaVersion", "kafka.version")) {
            kafkaVersion = ClusterDefinition.DEFAULT_KAFKA_VERSION;
        }
        if (inheritedFromProject("topics", "kafka.topics")) {
            topics = new ArrayList<>();
        }
        if (inheritedFromProject("brokerProperties", "kafka.brokerProperties")) {
            brokerProperties = new ArrayList<>();
        }
        if (inheritedFromProject("workDirectory", "kafka.workDirectory")) {
            workDirectory = null;
        }
        if (inheritedFromProject("keepDirectory", "kafka.keepDirectory")) {
            keepDirectory = false;
        }
        if (inheritedFromProject("securityProtocol", "kafka.securityProtocol")) {
            securityProtocol = SecurityProtocol.PLAINTEXT.name();
        }
        if (inheritedFromProject("users", "kafka.users")) {
            users = new ArrayList<>();
        }
        if (inheritedFromProject("saslMechanism", "kafka.saslMechanism")) {
            saslMechanism = null;
        }
        if (inheritedFromProject("mutualTls", "kafka.mutualTls")) {
            mutualTls = false;
        }
        if (inheritedFromProject("authorizer", "kafka.authorizer")) {
            authorizer = false;
        }
        if (inheritedFromProject("superUsers", "kafka.superUsers")) {
            superUsers = new ArrayList<>();
        }
        if (inheritedFromProject("grants", "kafka.grants")) {
            grants = null;
        }
    }

    /**
     * Whether {@code parameter} took its value from the project property {@code property}: it is not configured in
     * the pom's plugin configuration, {@code -D} does not set the property, but the project's properties do. Logs
     * that the property is not taken.
     */
    boolean inheritedFromProject(String parameter, String property) {
        if (mojoExecution == null || project == null || !project.getProperties().containsKey(property)) {
            return false;
        }
        boolean commandLine = session != null && (session.getUserProperties().containsKey(property)
                || session.getSystemProperties().containsKey(property));
        Xpp3Dom configured = mojoExecution.getConfiguration() == null ? null
                : mojoExecution.getConfiguration().getChild(parameter);
        boolean leftToProperty = configured == null || (configured.getChildCount() == 0
                && ("${" + property + "}").equals(configured.getValue()));
        if (commandLine || !leftToProperty) {
            return false;
        }
        String value = "users".equals(parameter) ? "(not shown: it holds passwords)"
                : project.getProperties().getProperty(property);
        getLog().info("Not taking " + property + "=" + value + " from the"
                + " project's properties (it may be another tool's, as Spring Boot's kafka.version is): set <"
                + parameter + "> in this plugin's configuration or -D" + property + " to use a value");
        return true;
    }

    /** The directory the cluster makes its own under; {@code null} for the system temp directory. */
    Path workDirectory() {
        if (workDirectory != null) {
            return workDirectory.toPath();
        }
        boolean hasPom = project != null && project.getFile() != null;
        return hasPom ? Paths.get(project.getBuild().getDirectory(), "kafka-testenv") : null;
    }

    /**
     * Parses {@code key=value} entries (split at the first {@code =}, so values may contain one); blanks are skipped.
     *
     * @throws MojoExecutionException naming the entry and the expected form
     */
    static Map<String, String> parseBrokerProperties(List<String> entries) throws MojoExecutionException {
        Map<String, String> properties = new LinkedHashMap<>();
        if (entries == null) {
            return properties;
        }
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new MojoExecutionException("Invalid broker property '" + entry.trim() + "': write key=value,"
                        + " for example -Dkafka.brokerProperties=log.retention.ms=60000,num.io.threads=4");
            }
            String key = entry.substring(0, equals).trim();
            String value = entry.substring(equals + 1).trim();
            String previous = properties.put(key, value);
            if (previous != null) {
                throw new MojoExecutionException("Broker property '" + key + "' is given twice ('" + previous
                        + "' and '" + value + "'): give each property once");
            }
        }
        return properties;
    }
}
