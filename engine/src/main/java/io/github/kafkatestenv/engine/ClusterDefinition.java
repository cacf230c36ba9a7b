package io.github.kafkatestenv.engine;

import io.github.kafkatestenv.engine.internal.ClusterStart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What cluster to start: an immutable value, validated when built, so that a definition that cannot work fails
 * before anything starts. Equal definitions describe interchangeable clusters.
 *
 * <pre>{@code
 * ClusterDefinition definition = ClusterDefinition.builder()
 *         .mode(Mode.KRAFT)
 *         .brokers(3)
 *         .topic(Topic.parse("orders:3:3"))
 *         .build();
 * }</pre>
 *
 * <p><b>Defaults.</b> ZooKeeper mode on Kafka {@value #DEFAULT_KAFKA_VERSION} with one broker; a 4.x version
 * without a mode means KRaft. Free ports, chosen at start. The cluster's directory is made under the system temp
 * directory and deleted at close. Test-friendly broker settings (no initial rebalance delay, internal topics
 * replicated {@code min(brokers, 3)} times) unless {@link Builder#brokerProperty overridden}.
 */
public final class ClusterDefinition {

    /** The Kafka version used when none is given. */
    public static final String DEFAULT_KAFKA_VERSION = "3.9.2";

    /** The most brokers a definition may have. */
    public static final int MAX_BROKERS = 9;

    private final DefinitionSettings settings;

    private ClusterDefinition(Builder builder) {
        this.settings = DefinitionSettings.of(builder);
        DefinitionRules.security(this, builder.saslMechanism != null);
    }

    /** A builder with every default in place. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this definition. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        settings.copyTo(builder);
        return builder;
    }

    /**
     * Starts the cluster and returns once it is ready (see {@link KafkaCluster}).
     *
     * @throws KafkaTestEnvException if it cannot start; the message holds the tail of the cluster's log, and
     *                               nothing started is left running
     */
    public KafkaCluster start() {
        return ClusterStart.start(this);
    }

    /**
     * The Maven coordinates ({@code groupId:artifactId:version}) that make up this definition's Kafka runtime
     * once resolved with their runtime dependencies: {@code kafka_2.13} and the logging binding and certificate
     * generator the engine uses for that line. A build tool may resolve them and pass the jars to
     * {@link Builder#runtimeClasspath}; without them, the engine resolves the same coordinates itself.
     */
    public List<String> runtimeArtifacts() {
        return io.github.kafkatestenv.engine.internal.RuntimeLocator.artifactsToResolve(kafkaVersion());
    }

    /**
     * Throws unless a cluster with {@code brokers} brokers can host {@code topic}.
     */
    public static void requireReplicationFactorFits(Topic topic, int brokers) {
        if (topic.replicationFactor() > brokers) {
            throw new InvalidSettingException("Topic '" + topic.name() + "' has replication factor "
                    + topic.replicationFactor() + " but the cluster has " + brokers + " broker"
                    + (brokers == 1 ? "" : "s") + ": lower its replicationFactor or raise brokers",
                    Setting.TOPICS, Setting.BROKERS);
        }
    }

    public Mode mode() {
        return settings.mode();
    }

    public int brokers() {
        return settings.brokers();
    }

    public String kafkaVersion() {
        return settings.kafkaVersion();
    }

    public List<Topic> topics() {
        return settings.topics();
    }

    public Map<String, String> brokerProperties() {
        return settings.brokerProperties();
    }

    /** The first broker's port (broker {@code i} takes this plus {@code i}), or 0 for free ports. */
    public int brokerPort() {
        return settings.brokerPort();
    }

    /** The ZooKeeper port, or 0 for a free one; always 0 in KRaft mode, which has no ZooKeeper. */
    public int zookeeperPort() {
        return settings.zookeeperPort();
    }

    /** The directory under which the cluster makes its own directory; {@code null} for the system temp dir. */
    public Path workDirectory() {
        return settings.workDirectory();
    }

    /** Whether the cluster's directory (data and logs) is kept after close. */
    public boolean keepDirectory() {
        return settings.keepDirectory();
    }

    public Duration startTimeout() {
        return settings.startTimeout();
    }

    /** The Kafka runtime's jars when given explicitly; empty to find them in the local Maven repository. */
    public List<Path> runtimeClasspath() {
        return settings.runtimeClasspath();
    }

    /** How clients connect to the brokers' listener. Default {@link SecurityProtocol#PLAINTEXT}. */
    public SecurityProtocol securityProtocol() {
        return settings.securityProtocol();
    }

    /** The users clients log in as (SASL) or hold a certificate for (mutual TLS). */
    public List<User> users() {
        return settings.users();
    }

    /** The SASL mechanism of the client properties the cluster hands out. Default {@link SaslMechanism#PLAIN}. */
    public SaslMechanism saslMechanism() {
        return settings.saslMechanism();
    }

    /** Whether the TLS listener requires a client certificate. */
    public boolean mutualTls() {
        return settings.mutualTls();
    }

    /** Whether brokers run an ACL authorizer: asked for, or implied by a super user or a grant. */
    public boolean authorizer() {
        return settings.authorizer();
    }

    /** Principals ({@code User:<name>}) the authorizer allows everything. */
    public List<String> superUsers() {
        return settings.superUsers();
    }

    /** The ACLs created before the cluster counts as ready. */
    public List<Grant> grants() {
        return settings.grants();
    }

    /** Where the servers run: as set, else in the JVM for releases that can, else in processes. */
    public Placement placement() {
        return settings.placement();
    }

    /** The Java home whose {@code bin/java} runs the server processes; {@code null} for the caller's own. */
    public Path javaHome() {
        return settings.javaHome();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterDefinition that && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "Kafka " + kafkaVersion() + " " + (mode() == Mode.ZOOKEEPER ? "ZooKeeper" : "KRaft") + " mode, "
                + brokers() + " broker" + (brokers() == 1 ? "" : "s")
                + (topics().isEmpty() ? "" : ", topics " + topics().stream()
                        .map(t -> t.name() + ":" + t.partitions() + ":" + t.replicationFactor()).toList())
                + (securityProtocol() == SecurityProtocol.PLAINTEXT ? "" : ", " + securityProtocol()
                        + (mutualTls() ? " with client certificates" : "")
                        + (users().isEmpty() ? "" : ", users " + users().stream().map(User::name).toList()))
                + (authorizer() ? ", ACLs" : "") + (placement() == Placement.PROCESSES ? ", in processes" : "");
    }

    /** Collects a definition; {@link #build()} validates it. */
    public static final class Builder {
        Mode mode;
        int brokers = 1;
        String kafkaVersion;
        final List<Topic> topics = new ArrayList<>();
        final Map<String, String> brokerProperties = new LinkedHashMap<>();
        int brokerPort;
        int zookeeperPort;
        Path workDirectory;
        boolean keepDirectory;
        Duration startTimeout = Duration.ofMinutes(2);
        final List<Path> runtimeClasspath = new ArrayList<>();
        SecurityProtocol securityProtocol;
        final List<User> users = new ArrayList<>();
        SaslMechanism saslMechanism;
        boolean mutualTls;
        boolean authorizer;
        final List<String> superUsers = new ArrayList<>();
        final List<Grant> grants = new ArrayList<>();
        Placement placement;
        Path javaHome;

        private Builder() {
        }

        /**
         * Where the servers run: {@link Placement#IN_JVM} (Kafka 3.9.x and 4.x) or {@link Placement#PROCESSES} (any
         * release from 3.0.0). Default: in the JVM where the release can, else in processes.
         */
        public Builder placement(Placement placement) {
            this.placement = placement;
            return this;
        }

        /**
         * The Java home whose {@code bin/java} runs the server processes ({@link Placement#PROCESSES}). Default: the
         * Java that runs the caller.
         */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** ZooKeeper or KRaft; left unset, 4.x versions mean KRaft and 3.x ZooKeeper. */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** The number of brokers (KRaft: combined nodes, all voters), 1 to {@value #MAX_BROKERS}. Default 1. */
        public Builder brokers(int count) {
            this.brokers = count;
            return this;
        }

        /**
         * A Kafka release from 3.0.0 on (3.9.x and 4.x also run in the JVM). Default {@value #DEFAULT_KAFKA_VERSION}.
         * One the engine has no runtime list for (any but 3.9.2 and 4.4.0) is resolved on first use, unless
         * {@link #runtimeClasspath} gives its jars.
         */
        public Builder kafkaVersion(String version) {
            this.kafkaVersion = version;
            return this;
        }

        /** A topic to create before the cluster counts as ready. */
        public Builder topic(Topic topic) {
            this.topics.add(Objects.requireNonNull(topic, "topic"));
            return this;
        }

        public Builder topics(Collection<Topic> topics) {
            topics.forEach(this::topic);
            return this;
        }

        /** A broker property for every broker, over kafka-testenv's defaults. */
        public Builder brokerProperty(String key, String value) {
            this.brokerProperties.put(key, value);
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** The first broker's port, e.g. 9092 (broker {@code i} takes {@code port + i}); 0 for free ports. */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** The ZooKeeper port, e.g. 2181; 0 for a free one. */
        public Builder zookeeperPort(int port) {
            this.zookeeperPort = port;
            return this;
        }

        /** Where the cluster makes its own directory. Default: the system temp directory. */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /** Keep the cluster's directory (data and logs) after close. Default false. */
        public Builder keepDirectory(boolean keep) {
            this.keepDirectory = keep;
            return this;
        }

        /**
         * How long start may take before it fails with the log's tail. Default 2 minutes. KRaft nodes get the same
         * deadline as Kafka's own {@code server.max.startup.time.ms} (unless set as a broker property), so that they
         * give up and shut down by themselves; a broker start still running at the deadline gets 15 s more to end
         * before it is interrupted.
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * The jars of the Kafka runtime ({@code kafka_2.13} and its runtime dependencies, plus a logging binding),
         * for example as resolved by a build tool. Left empty, the engine takes them from the local Maven
         * repository, and resolves what is missing there from the repositories of the user's {@code settings.xml}
         * (mirrors, proxies, credentials; offline with {@code -Dkafka.testenv.offline=true}).
         */
        public Builder runtimeClasspath(Collection<Path> jars) {
            this.runtimeClasspath.addAll(jars);
            return this;
        }

        /**
         * How clients connect: {@code SASL_PLAINTEXT}, {@code SSL} or {@code SASL_SSL} secure the listener in
         * {@link KafkaCluster#bootstrapServers()}; {@link KafkaCluster#clientProperties()} holds what a client then
         * needs. Default {@code PLAINTEXT}.
         */
        public Builder securityProtocol(SecurityProtocol protocol) {
            this.securityProtocol = protocol;
            return this;
        }

        /** A user who logs in with SASL (PLAIN or SCRAM) or, with mutual TLS, gets a client certificate. */
        public Builder user(String name, String password) {
            return user(new User(name, password));
        }

        public Builder user(User user) {
            this.users.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        public Builder users(Collection<User> users) {
            users.forEach(this::user);
            return this;
        }

        /**
         * The SASL mechanism in the client properties the cluster hands out. Brokers accept all three for every
         * user. Only with a SASL {@link #securityProtocol}. Default {@link SaslMechanism#PLAIN}.
         */
        public Builder saslMechanism(SaslMechanism mechanism) {
            this.saslMechanism = mechanism;
            return this;
        }

        /** Require a client certificate on the TLS listener: each user gets one, with subject {@code CN=<name>}. */
        public Builder mutualTls(boolean required) {
            this.mutualTls = required;
            return this;
        }

        /** Run an ACL authorizer; implied by {@link #superUser} and {@link #grant}. Default off. */
        public Builder authorizer(boolean enabled) {
            this.authorizer = enabled;
            return this;
        }

        /** A user ({@code alice} or {@code User:alice}) the authorizer allows everything. */
        public Builder superUser(String user) {
            this.superUsers.add(user);
            return this;
        }

        /** An ACL created before the cluster counts as ready. */
        public Builder grant(Grant grant) {
            this.grants.add(Objects.requireNonNull(grant, "grant"));
            return this;
        }

        public Builder grants(Collection<Grant> grants) {
            grants.forEach(this::grant);
            return this;
        }

        /**
         * @throws InvalidSettingException if the definition cannot work, naming the settings at fault, the value
         *                                 and what to do
         */
        public ClusterDefinition build() {
            return new ClusterDefinition(this);
        }
    }
}
