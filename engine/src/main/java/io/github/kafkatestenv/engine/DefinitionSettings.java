package io.github.kafkatestenv.engine;

import io.github.kafkatestenv.engine.internal.KafkaLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings of a {@link ClusterDefinition}, resolved (defaults in place) and checked: the state behind its
 * getters, its equality, and {@link ClusterDefinition#toBuilder()}.
 */
record DefinitionSettings(Mode mode, int brokers, String kafkaVersion, List<Topic> topics,
                          Map<String, String> brokerProperties, int brokerPort, int zookeeperPort, Path workDirectory,
                          boolean keepDirectory, Duration startTimeout, List<Path> runtimeClasspath,
                          SecurityProtocol securityProtocol, List<User> users, SaslMechanism saslMechanism,
                          boolean mutualTls, boolean authorizer, List<String> superUsers, List<Grant> grants,
                          Placement placement, Path javaHome) {

    /** Resolves and checks what {@code builder} collected; the security rules need the whole definition after. */
    static DefinitionSettings of(ClusterDefinition.Builder builder) {
        String kafkaVersion = builder.kafkaVersion == null || builder.kafkaVersion.isBlank()
                ? ClusterDefinition.DEFAULT_KAFKA_VERSION : builder.kafkaVersion.trim();
        KafkaLine line = KafkaLine.of(kafkaVersion);
        Mode mode = builder.mode != null ? builder.mode : line.defaultMode();
        Placement placement = builder.placement != null ? builder.placement
                : line.runsInJvm() ? Placement.IN_JVM : Placement.PROCESSES;
        DefinitionRules.release(kafkaVersion, line, mode, builder.placement, placement, builder.javaHome);
        int brokers = DefinitionRules.brokers(builder.brokers);
        List<Topic> topics = DefinitionRules.topics(builder.topics, brokers);
        DefinitionRules.brokerProperties(builder.brokerProperties);
        int brokerPort = DefinitionRules.port(builder.brokerPort, Setting.BROKER_PORT);
        // Only ZooKeeper mode has a ZooKeeper: in KRaft mode its port is 0, whatever was given, and clashes with none.
        int givenZookeeperPort = DefinitionRules.port(builder.zookeeperPort, Setting.ZOOKEEPER_PORT);
        int zookeeperPort = mode == Mode.ZOOKEEPER ? givenZookeeperPort : 0;
        DefinitionRules.portsFit(brokerPort, brokers, zookeeperPort);
        DefinitionRules.startTimeout(builder.startTimeout);
        List<Path> runtimeClasspath = List.copyOf(builder.runtimeClasspath);
        List<User> users = List.copyOf(builder.users);
        List<String> superUsers = builder.superUsers.stream()
                .map(user -> Grant.principal(user, Setting.SUPER_USERS)).distinct().toList();
        List<Grant> grants = List.copyOf(builder.grants);
        return new DefinitionSettings(mode, brokers, kafkaVersion, topics, Map.copyOf(builder.brokerProperties),
                brokerPort, zookeeperPort, builder.workDirectory, builder.keepDirectory, builder.startTimeout,
                runtimeClasspath, builder.securityProtocol == null ? SecurityProtocol.PLAINTEXT : builder.securityProtocol,
                users,
                builder.saslMechanism == null ? SaslMechanism.PLAIN : builder.saslMechanism, builder.mutualTls,
                builder.authorizer || !superUsers.isEmpty() || !grants.isEmpty(), superUsers, grants, placement,
                builder.javaHome);
    }

    /** Puts these settings into {@code builder}, as they were given (the SASL mechanism only with SASL). */
    void copyTo(ClusterDefinition.Builder builder) {
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
        builder.securityProtocol = securityProtocol;
        builder.users.addAll(users);
        builder.saslMechanism = securityProtocol.usesSasl() ? saslMechanism : null;
        builder.mutualTls = mutualTls;
        builder.authorizer = authorizer;
        builder.superUsers.addAll(superUsers);
        builder.grants.addAll(grants);
        builder.placement = placement;
        builder.javaHome = javaHome;
    }
}
