package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.Setting;
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
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every goal that starts a cluster shares: which cluster (mode, brokers, Kafka version, topics, broker
 * properties), where its files go, and how its Kafka runtime is resolved. Each goal declares its own ports, because
 * their defaults differ: {@code run} takes Kafka's well-known ports, goals that run beside tests take free ones.
 *
 * <p>Every parameter has the name of the engine's setting ({@link io.github.kafkatestenv.engine.Setting}) and of the
 * {@code @EmbeddedKafka} attribute, and the user property {@code kafka.testenv.<name>}, so that a goal works from the
 * command line with no pom. The prefix is ours alone: a {@code kafka.*} property that another tool sets (Spring Boot's
 * parent sets {@code kafka.version}) never configures a goal.
 */
abstract class AbstractKafkaMojo extends AbstractMojo {

    /**
     * How the cluster keeps its metadata: {@code zookeeper} (a ZooKeeper server and brokers registered in it;
     * Kafka 3.9.x only) or {@code kraft} (combined broker and controller nodes). Left unset, the version decides:
     * ZooKeeper for 3.9.x, as Kafka's classic quickstart runs it, and KRaft for 4.x, which has no ZooKeeper. Any case:
     * {@code KRAFT} or {@code kraft}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.mode")
    String mode;

    /**
     * The number of brokers, 1 to 9; brokers 2..N listen on the ports after the first broker's. Default 1: one
     * broker is all a local application or a test needs unless it exercises replication.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.brokers", defaultValue = "1")
    int brokers;

    /**
     * The Kafka version the brokers run: any release from 3.0.0 to 4.x (before 3.9 in processes, see
     * {@code placement}). Its jars ({@code kafka_2.13} and its runtime dependencies) are resolved from the build's
     * repositories, so mirrors, {@code settings.xml} and {@code -o} apply.
     * Default 3.9.2, the last release that still has ZooKeeper mode; a 4.x version without a mode means KRaft.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.kafkaVersion", defaultValue = ClusterDefinition.DEFAULT_KAFKA_VERSION)
    String kafkaVersion;

    /**
     * Topics to create before the cluster counts as ready. On the command line, a comma-separated list of
     * {@code name[:partitions[:replicationFactor]]}, where what is left out is 1:
     * {@code -Dkafka.testenv.topics=orders:3:3,audit}. In a pom, one {@code <topic>} each: either that short form,
     * {@code <topic>orders:3:3</topic>}, or {@code <name>}, {@code <partitions>}, {@code <replicationFactor>} and
     * {@code <configs>} elements, for example {@code <configs><cleanup.policy>compact</cleanup.policy></configs>}.
     * Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.topics")
    List<TopicParameter> topics = new ArrayList<>();

    /**
     * Broker properties for every broker, over kafka-testenv's test-friendly defaults, each {@code key=value}. On the
     * command line a comma-separated list,
     * {@code -Dkafka.testenv.brokerProperties=log.retention.ms=60000,num.io.threads=4};
     * in a pom one {@code <brokerProperty>key=value</brokerProperty>} per property. Ports, directories, node ids and
     * the quorum are set by kafka-testenv and cannot be overridden. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.brokerProperties")
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
    @Parameter(property = "kafka.testenv.workDirectory")
    File workDirectory;

    /**
     * Keep the cluster's directory, with its data and log file, after the cluster stops. Default false: a stopped
     * cluster leaves nothing behind; keep it to read the log after a failure.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.keepDirectory", defaultValue = "false")
    boolean keepDirectory;

    /**
     * How clients connect to the brokers' listener, the one in the bootstrap servers: {@code PLAINTEXT},
     * {@code SASL_PLAINTEXT} (clients log in as one of the {@code users}), {@code SSL} (TLS; with {@code mutualTls},
     * a client certificate per user) or {@code SASL_SSL} (a login over TLS). With TLS the cluster makes its own
     * certificate authority at start. What a client then needs is in the client properties files that {@code start}
     * publishes ({@code kafka.testenv.client.properties}) and {@code run} prints. Any case, {@code -} for {@code _}.
     * Default {@code PLAINTEXT}: what a local cluster and most tests need.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.securityProtocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    /**
     * The users clients log in as (SASL) or hold a client certificate for (mutual TLS); the first one's client
     * properties are the default ones. In a pom, one {@code <user>} each, with {@code <name>} and {@code <password>}
     * elements or in the short form {@code <user>alice:alice-secret</user>}; on the command line a comma-separated
     * list, {@code -Dkafka.testenv.users=alice:alice-secret,bob:bob-secret} (where a password cannot hold a comma).
     * Passwords are never logged. Default: none, as {@code PLAINTEXT} needs none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.users")
    List<UserParameter> users = new ArrayList<>();

    /**
     * The SASL mechanism of the client properties the cluster hands out: {@code PLAIN}, {@code SCRAM-SHA-256} or
     * {@code SCRAM-SHA-512}. The brokers accept all three for every user. Only with {@code SASL_PLAINTEXT} or
     * {@code SASL_SSL}. Any case, {@code _} for {@code -}. Default: unset, which means {@code PLAIN}, the simplest for
     * other tools to set up.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.saslMechanism")
    String saslMechanism;

    /**
     * Require a client certificate on the TLS listener ({@code SSL} or {@code SASL_SSL}): each user gets one, with
     * subject {@code CN=<name>}, in the TLS directory, and the broker sees it as {@code User:<name>}. Default false:
     * one-way TLS, as most clusters run it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.mutualTls", defaultValue = "false")
    boolean mutualTls;

    /**
     * Run an ACL authorizer on the brokers, so that a user may do only what a grant allows. Implied by
     * {@code superUsers} and {@code grants}. Default false: every user that logs in may do everything.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.authorizer", defaultValue = "false")
    boolean authorizer;

    /**
     * Users ({@code alice} or {@code User:alice}) the authorizer allows everything: a comma-separated list on the
     * command line, {@code -Dkafka.testenv.superUsers=admin}, one {@code <superUser>} each in a pom. Implies the
     * authorizer.
     * Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.superUsers")
    List<String> superUsers = new ArrayList<>();

    /**
     * ACLs to create before the cluster counts as ready, each {@code <user> <resource> <operations>}: a user name
     * (or {@code User:<name>}); {@code topic:<name>}, {@code group:<name>}, {@code transactional_id:<name>} or
     * {@code cluster}, where a name ending in {@code *} is a prefix and {@code *} alone means all; comma-separated
     * operations such as {@code read}, {@code write}, {@code describe} or {@code all}. In a pom one {@code <grant>}
     * each, {@code <grant>alice topic:orders read,write</grant>}; on the command line separated by {@code ;},
     * {@code -Dkafka.testenv.grants="alice topic:orders read,write;alice group:orders-* read"}. Implies the authorizer,
     * under
     * which a user without a grant may do nothing. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.grants")
    GrantsParameter grants;

    /**
     * Where the servers run: {@code IN_JVM} (in the Maven JVM, in a class loader of their own; Kafka 3.9.x and 4.x) or
     * {@code PROCESSES} (ZooKeeper and each broker in a JVM of its own, started from the release's own main classes;
     * any release from 3.0.0, and {@code killBroker} is a real crash there). Default: in the JVM for releases that
     * can run there, else in processes.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.placement")
    String placement;

    /**
     * The Java home (a JDK or JRE, 17 or newer) whose {@code bin/java} runs the server JVMs, with {@code placement}
     * {@code PROCESSES}. Default: the Java that runs Maven.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.javaHome")
    File javaHome;

    /**
     * Skip this goal. Default false.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kafka.testenv.skip", defaultValue = "false")
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

    /** The first broker's port for this goal; 0 for free ports. */
    abstract int brokerPort();

    /** The ZooKeeper port for this goal; 0 for a free one. Unused in KRaft mode. */
    abstract int zookeeperPort();

    /** Whether the goal is to do nothing; says so when it is. */
    boolean skipped() {
        if (skip) {
            getLog().info("Skipping: " + PluginParameters.property("skip") + " is true");
        }
        return skip;
    }

    /**
     * The cluster the parameters describe, validated by the engine once.
     *
     * @throws MojoExecutionException naming the parameters at fault and their properties, with the engine's reason
     *                                (what is wrong, the value, what to do)
     */
    ClusterDefinition definition() throws MojoExecutionException {
        try {
            ClusterDefinition.Builder builder = ClusterDefinition.builder()
                    .kafkaVersion(kafkaVersion)
                    .brokers(brokers)
                    .brokerPort(brokerPort())
                    .zookeeperPort(zookeeperPort())
                    .brokerProperties(parseBrokerProperties(brokerProperties))
                    .workDirectory(workDirectory())
                    .keepDirectory(keepDirectory);
            if (mode != null && !mode.isBlank()) {
                builder.mode(Mode.parse(mode));
            }
            if (placement != null && !placement.isBlank()) {
                builder.placement(Placement.parse(placement));
            }
            if (javaHome != null) {
                builder.javaHome(javaHome.toPath());
            }
            if (topics != null) {
                for (TopicParameter topic : topics) {
                    builder.topics(topic.toTopics());
                }
            }
            security(builder);
            return builder.build();
        } catch (InvalidSettingException e) {
            throw PluginParameters.invalid(e);
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
            builder.saslMechanism(SaslMechanism.parse(saslMechanism));
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
     * @throws InvalidSettingException naming the entry and the expected form
     */
    static Map<String, String> parseBrokerProperties(List<String> entries) {
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
                throw new InvalidSettingException("Invalid broker property '" + entry.trim() + "': write key=value,"
                        + " for example log.retention.ms=60000", Setting.BROKER_PROPERTIES);
            }
            String key = entry.substring(0, equals).trim();
            String value = entry.substring(equals + 1).trim();
            String previous = properties.put(key, value);
            if (previous != null) {
                throw new InvalidSettingException("Broker property '" + key + "' is given twice ('" + previous
                        + "' and '" + value + "'): give each property once", Setting.BROKER_PROPERTIES);
            }
        }
        return properties;
    }
}
