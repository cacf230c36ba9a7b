package io.github.kafkatestenv.engine;

import io.github.kafkatestenv.engine.internal.EmbeddedKafkaCluster;
import io.github.kafkatestenv.engine.internal.KafkaLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    /** Broker properties the engine sets itself; overriding them would break the cluster it builds. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of("broker.id", "node.id", "listeners", "log.dir",
            "log.dirs", "zookeeper.connect", "process.roles", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "controller.listener.names", "metadata.log.dir");

    private final Mode mode;
    private final int brokers;
    private final String kafkaVersion;
    private final List<Topic> topics;
    private final Map<String, String> brokerProperties;
    private final int brokerPort;
    private final int zookeeperPort;
    private final Path workDirectory;
    private final boolean keepDirectory;
    private final Duration startTimeout;
    private final List<Path> runtimeClasspath;

    private ClusterDefinition(Builder builder) {
        this.kafkaVersion = builder.kafkaVersion == null || builder.kafkaVersion.isBlank()
                ? DEFAULT_KAFKA_VERSION : builder.kafkaVersion.trim();
        KafkaLine line = KafkaLine.of(kafkaVersion);
        this.mode = builder.mode != null ? builder.mode : line.defaultMode();
        if (mode == Mode.ZOOKEEPER && !line.supportsZooKeeper()) {
            throw new KafkaTestEnvException("ZooKeeper mode needs Kafka 3.9.x, but the version is " + kafkaVersion
                    + " (Kafka 4 removed ZooKeeper): use mode KRAFT with " + kafkaVersion
                    + ", or Kafka " + DEFAULT_KAFKA_VERSION + " for ZooKeeper mode");
        }
        if (builder.brokers < 1 || builder.brokers > MAX_BROKERS) {
            throw new KafkaTestEnvException("A cluster has 1 to " + MAX_BROKERS + " brokers, not "
                    + builder.brokers);
        }
        this.brokers = builder.brokers;
        Set<String> names = new HashSet<>();
        for (Topic topic : builder.topics) {
            if (!names.add(topic.name())) {
                throw new KafkaTestEnvException("Topic '" + topic.name()
                        + "' is declared twice: declare each topic once");
            }
            requireReplicationFactorFits(topic, brokers);
        }
        this.topics = List.copyOf(builder.topics);
        for (Map.Entry<String, String> property : builder.brokerProperties.entrySet()) {
            String key = property.getKey();
            if (key == null || key.isBlank()) {
                throw new KafkaTestEnvException("A broker property has an empty name (value '"
                        + property.getValue() + "'): give every property a name");
            }
            if (RESERVED_PROPERTIES.contains(key.trim())) {
                throw new KafkaTestEnvException("Broker property '" + key + "' is set by kafka-testenv for each "
                        + "broker; remove it (ports: brokerPort/zookeeperPort; directories: workDirectory)");
            }
            if (property.getValue() == null) {
                throw new KafkaTestEnvException("Broker property '" + key + "' has no value");
            }
        }
        this.brokerProperties = Map.copyOf(builder.brokerProperties);
        this.brokerPort = requirePort(builder.brokerPort, "broker port");
        if (brokerPort != 0 && brokerPort + brokers - 1 > 65535) {
            throw new KafkaTestEnvException("Broker ports " + brokerPort + ".." + (brokerPort + brokers - 1)
                    + " run past 65535: choose a lower first broker port");
        }
        this.zookeeperPort = requirePort(builder.zookeeperPort, "ZooKeeper port");
        if (zookeeperPort != 0 && brokerPort != 0
                && zookeeperPort >= brokerPort && zookeeperPort < brokerPort + brokers) {
            throw new KafkaTestEnvException("ZooKeeper port " + zookeeperPort + " is also a broker port ("
                    + brokerPort + ".." + (brokerPort + brokers - 1) + "): choose another one");
        }
        this.workDirectory = builder.workDirectory;
        this.keepDirectory = builder.keepDirectory;
        if (builder.startTimeout == null || builder.startTimeout.isNegative() || builder.startTimeout.isZero()) {
            throw new KafkaTestEnvException("The start timeout must be positive, not " + builder.startTimeout);
        }
        this.startTimeout = builder.startTimeout;
        this.runtimeClasspath = List.copyOf(builder.runtimeClasspath);
    }

    /** A builder with every default in place. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this definition. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.mode = mode;
        builder.brokers = brokers;
        builder.kafkaVersion = kafkaVersion;
        builder.topics.addAll(topics);
        builder.brokerProperties.putAll(brokerProperties);
        builder.brokerPort = brokerPort;
        builder.zookeeperPort = zookeeperPort;
        builder.workDirectory = workDirectory;
        builder.keepDirectory = keepDirectory;
        builder.startTimeout = startTimeout;
        builder.runtimeClasspath.addAll(runtimeClasspath);
        return builder;
    }

    /**
     * Starts the cluster and returns once it is ready (see {@link KafkaCluster}).
     *
     * @throws KafkaTestEnvException if it cannot start; the message holds the tail of the cluster's log, and
     *                               nothing started is left running
     */
    public KafkaCluster start() {
        return EmbeddedKafkaCluster.start(this);
    }

    /**
     * The Maven coordinates ({@code groupId:artifactId:version}) that make up this definition's Kafka runtime
     * once resolved with their runtime dependencies: {@code kafka_2.13} and the logging binding the engine uses
     * for that line. A build tool resolves them and passes the jars to {@link Builder#runtimeClasspath}.
     */
    public List<String> runtimeArtifacts() {
        return io.github.kafkatestenv.engine.internal.RuntimeLocator.artifactsToResolve(kafkaVersion);
    }

    /**
     * Throws unless a cluster with {@code brokers} brokers can host {@code topic}.
     */
    public static void requireReplicationFactorFits(Topic topic, int brokers) {
        if (topic.replicationFactor() > brokers) {
            throw new KafkaTestEnvException("Topic '" + topic.name() + "' has replication factor "
                    + topic.replicationFactor() + " but the cluster has " + brokers + " broker"
                    + (brokers == 1 ? "" : "s") + ": lower the replication factor or add brokers");
        }
    }

    public Mode mode() {
        return mode;
    }

    public int brokers() {
        return brokers;
    }

    public String kafkaVersion() {
        return kafkaVersion;
    }

    public List<Topic> topics() {
        return topics;
    }

    public Map<String, String> brokerProperties() {
        return brokerProperties;
    }

    /** The first broker's port (broker {@code i} takes this plus {@code i}), or 0 for free ports. */
    public int brokerPort() {
        return brokerPort;
    }

    /** The ZooKeeper port, or 0 for a free one. Unused in KRaft mode. */
    public int zookeeperPort() {
        return zookeeperPort;
    }

    /** The directory under which the cluster makes its own directory; {@code null} for the system temp dir. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** Whether the cluster's directory (data and logs) is kept after close. */
    public boolean keepDirectory() {
        return keepDirectory;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    /** The Kafka runtime's jars when given explicitly; empty to find them in the local Maven repository. */
    public List<Path> runtimeClasspath() {
        return runtimeClasspath;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterDefinition that
                && mode == that.mode && brokers == that.brokers && kafkaVersion.equals(that.kafkaVersion)
                && topics.equals(that.topics) && brokerProperties.equals(that.brokerProperties)
                && brokerPort == that.brokerPort && zookeeperPort == that.zookeeperPort
                && Objects.equals(workDirectory, that.workDirectory) && keepDirectory == that.keepDirectory
                && startTimeout.equals(that.startTimeout) && runtimeClasspath.equals(that.runtimeClasspath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, brokers, kafkaVersion, topics, brokerProperties, brokerPort, zookeeperPort,
                workDirectory, keepDirectory, startTimeout, runtimeClasspath);
    }

    @Override
    public String toString() {
        return "Kafka " + kafkaVersion + " " + (mode == Mode.ZOOKEEPER ? "ZooKeeper" : "KRaft") + " mode, "
                + brokers + " broker" + (brokers == 1 ? "" : "s")
                + (topics.isEmpty() ? "" : ", topics " + topics.stream()
                        .map(t -> t.name() + ":" + t.partitions() + ":" + t.replicationFactor()).toList());
    }

    private static int requirePort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new KafkaTestEnvException("Invalid " + what + " " + port + ": use 1..65535, or 0 for a free port");
        }
        return port;
    }

    /** Collects a definition; {@link #build()} validates it. */
    public static final class Builder {
        private Mode mode;
        private int brokers = 1;
        private String kafkaVersion;
        private final List<Topic> topics = new ArrayList<>();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private int brokerPort;
        private int zookeeperPort;
        private Path workDirectory;
        private boolean keepDirectory;
        private Duration startTimeout = Duration.ofMinutes(2);
        private final List<Path> runtimeClasspath = new ArrayList<>();

        private Builder() {
        }

        /** ZooKeeper or KRaft; left unset, 4.x versions mean KRaft and 3.9.x ZooKeeper. */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** The number of brokers (KRaft: combined nodes, all voters), 1 to {@value #MAX_BROKERS}. Default 1. */
        public Builder brokers(int count) {
            this.brokers = count;
            return this;
        }

        /** A 3.9.x or 4.x version. Default {@value #DEFAULT_KAFKA_VERSION}. */
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
         * for example as resolved by a build tool. Left empty, the engine finds the runtime it was built with in
         * the local Maven repository.
         */
        public Builder runtimeClasspath(Collection<Path> jars) {
            this.runtimeClasspath.addAll(jars);
            return this;
        }

        /** @throws KafkaTestEnvException if the definition cannot work, saying what and how to fix it */
        public ClusterDefinition build() {
            return new ClusterDefinition(this);
        }
    }
}
