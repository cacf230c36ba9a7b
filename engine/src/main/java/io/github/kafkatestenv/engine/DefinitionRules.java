package io.github.kafkatestenv.engine;

import io.github.kafkatestenv.engine.internal.KafkaLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a {@link ClusterDefinition} must satisfy: the ranges of counts, ports and deadlines, which releases
 * have which modes and placements, which broker properties are the engine's, and how the security settings fit
 * together. Each broken rule is an {@link InvalidSettingException} naming the settings at fault.
 */
final class DefinitionRules {

    /** Broker properties the engine sets itself; overriding them would break the cluster it builds. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of("broker.id", "node.id", "listeners", "log.dir",
            "log.dirs", "zookeeper.connect", "process.roles", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "controller.listener.names", "metadata.log.dir",
            "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name",
            "security.inter.broker.protocol", "authorizer.class.name", "super.users");

    /** Broker properties the engine sets on a secured cluster, besides every {@code listener.name.*} one. */
    private static final Set<String> SECURED_RESERVED_PROPERTIES = Set.of("ssl.principal.mapping.rules",
            "sasl.mechanism.inter.broker.protocol", "sasl.mechanism.controller.protocol", "sasl.enabled.mechanisms");

    private DefinitionRules() {
    }

    /** The release's modes and placements, and the Java home of server processes. */
    static void release(String kafkaVersion, KafkaLine line, Mode mode, Placement requested, Placement placement,
                        Path javaHome) {
        if (mode == Mode.ZOOKEEPER && !line.supportsZooKeeper()) {
            throw new InvalidSettingException("ZooKeeper mode needs Kafka 3.x, but kafkaVersion is " + kafkaVersion
                    + " (Kafka 4 removed ZooKeeper): use mode KRAFT with " + kafkaVersion
                    + ", or kafkaVersion " + ClusterDefinition.DEFAULT_KAFKA_VERSION + " for ZooKeeper mode",
                    Setting.MODE, Setting.KAFKA_VERSION);
        }
        if (mode == Mode.KRAFT && !KafkaLine.supportsKRaft(kafkaVersion)) {
            throw new InvalidSettingException("KRaft mode needs Kafka 3.3.0 or newer (the first production-ready"
                    + " KRaft), but kafkaVersion is " + kafkaVersion + ": use mode ZOOKEEPER, or a newer release",
                    Setting.MODE, Setting.KAFKA_VERSION);
        }
        if (requested == Placement.IN_JVM && !line.runsInJvm()) {
            throw new InvalidSettingException("Kafka " + kafkaVersion + " cannot run in the JVM (only 3.9.x and 4.x"
                    + " can): use placement PROCESSES, or leave the placement unset", Setting.PLACEMENT,
                    Setting.KAFKA_VERSION);
        }
        if (javaHome == null) {
            return;
        }
        if (placement != Placement.PROCESSES) {
            throw new InvalidSettingException("A Java home (" + javaHome + ") is set, but the servers run in the"
                    + " JVM that starts them: use placement PROCESSES, or remove the Java home", Setting.JAVA_HOME,
                    Setting.PLACEMENT);
        }
        if (!Files.isRegularFile(javaHome.resolve("bin").resolve("java"))
                && !Files.isRegularFile(javaHome.resolve("bin").resolve("java.exe"))) {
            throw new InvalidSettingException("Java home " + javaHome + " has no bin/java: point it at the home"
                    + " directory of a JDK or JRE, 17 or newer", Setting.JAVA_HOME);
        }
    }

    /** A cluster has 1 to {@value ClusterDefinition#MAX_BROKERS} brokers. */
    static int brokers(int brokers) {
        if (brokers < 1 || brokers > ClusterDefinition.MAX_BROKERS) {
            throw new InvalidSettingException("A cluster has 1 to " + ClusterDefinition.MAX_BROKERS
                    + " brokers, not " + brokers, Setting.BROKERS);
        }
        return brokers;
    }

    /** Each topic is declared once and fits the brokers. */
    static List<Topic> topics(List<Topic> topics, int brokers) {
        Set<String> names = new HashSet<>();
        for (Topic topic : topics) {
            if (!names.add(topic.name())) {
                throw new InvalidSettingException("Topic '" + topic.name()
                        + "' is declared twice: declare each topic once", Setting.TOPICS);
            }
            ClusterDefinition.requireReplicationFactorFits(topic, brokers);
        }
        return List.copyOf(topics);
    }

    /** A port is 1..65535, or 0 for a free one. */
    static int port(int port, Setting setting) {
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException("Invalid " + setting.key() + " " + port
                    + ": use 1..65535, or 0 for a free port", setting);
        }
        return port;
    }

    /** The broker ports stay below 65536 and ZooKeeper's port is none of them. */
    static void portsFit(int brokerPort, int brokers, int zookeeperPort) {
        if (brokerPort != 0 && brokerPort + brokers - 1 > 65535) {
            throw new InvalidSettingException("Broker ports " + brokerPort + ".." + (brokerPort + brokers - 1)
                    + " run past 65535: choose a lower brokerPort", Setting.BROKER_PORT, Setting.BROKERS);
        }
        if (zookeeperPort != 0 && brokerPort != 0
                && zookeeperPort >= brokerPort && zookeeperPort < brokerPort + brokers) {
            throw new InvalidSettingException("zookeeperPort " + zookeeperPort + " is also a broker port ("
                    + brokerPort + ".." + (brokerPort + brokers - 1) + "): choose another one",
                    Setting.ZOOKEEPER_PORT, Setting.BROKER_PORT);
        }
    }

    /** The start has a positive deadline. */
    static void startTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidSettingException("startTimeout must be positive, not " + timeout,
                    Setting.START_TIMEOUT);
        }
    }

    /** Broker properties name something, have a value, and leave alone what the engine sets for each broker. */
    static void brokerProperties(Map<String, String> properties) {
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String key = property.getKey();
            if (key == null || key.isBlank()) {
                throw new InvalidSettingException("A broker property has an empty name (value '"
                        + property.getValue() + "'): give every property a name", Setting.BROKER_PROPERTIES);
            }
            if (RESERVED_PROPERTIES.contains(key.trim())) {
                throw new InvalidSettingException("Broker property '" + key + "' is set by kafka-testenv for each "
                        + "broker; remove it: kafka-testenv chooses free ports and directories of its own (fixed ones"
                        + " are brokerPort, zookeeperPort and workDirectory of the builder and the plugin), and"
                        + " listeners and ACLs come from securityProtocol, users, superUsers and grants",
                        Setting.BROKER_PROPERTIES);
            }
            if (property.getValue() == null) {
                throw new InvalidSettingException("Broker property '" + key + "' has no value",
                        Setting.BROKER_PROPERTIES);
            }
        }
    }

    /**
     * Users, SASL mechanism, TLS and ACL settings fit together and the release, and a secured cluster's broker
     * properties leave its listeners alone. {@code mechanismGiven}: whether the user set a SASL mechanism.
     */
    static void security(ClusterDefinition definition, boolean mechanismGiven) {
        SecurityProtocol protocol = definition.securityProtocol();
        SaslMechanism mechanism = definition.saslMechanism();
        List<User> users = definition.users();
        Set<String> userNames = new HashSet<>();
        for (User user : users) {
            if (!userNames.add(user.name())) {
                throw new InvalidSettingException("User '" + user.name() + "' is declared twice: declare each user"
                        + " once", Setting.USERS);
            }
        }
        if (mechanism != SaslMechanism.PLAIN
                && !KafkaLine.supportsScram(definition.kafkaVersion(), definition.mode())) {
            throw new InvalidSettingException("SASL mechanism " + mechanism + " needs Kafka 3.5 or newer in KRaft"
                    + " mode (KRaft keeps SCRAM credentials from 3.5 on), but kafkaVersion is "
                    + definition.kafkaVersion() + ": use PLAIN, ZooKeeper mode, or a newer release",
                    Setting.SASL_MECHANISM, Setting.KAFKA_VERSION, Setting.MODE);
        }
        if (mechanismGiven && !protocol.usesSasl()) {
            throw new InvalidSettingException("saslMechanism " + mechanism + " is set but securityProtocol is "
                    + protocol + ": use SASL_PLAINTEXT or SASL_SSL, or leave saslMechanism out",
                    Setting.SASL_MECHANISM, Setting.SECURITY_PROTOCOL);
        }
        if (definition.mutualTls() && !protocol.usesTls()) {
            throw new InvalidSettingException("mutualTls needs a TLS listener, but securityProtocol is "
                    + protocol + ": use SSL or SASL_SSL", Setting.MUTUAL_TLS, Setting.SECURITY_PROTOCOL);
        }
        if (protocol.usesSasl()) {
            if (users.isEmpty()) {
                throw new InvalidSettingException("securityProtocol " + protocol + " needs at least one user"
                        + " to log in: declare one in users, for example alice:alice-secret",
                        Setting.USERS, Setting.SECURITY_PROTOCOL);
            }
            for (User user : users) {
                if (user.password().isEmpty()) {
                    throw new InvalidSettingException("User '" + user.name() + "' has no password, which "
                            + protocol + " needs: declare it as " + user.name() + ":<password>",
                            Setting.USERS, Setting.SECURITY_PROTOCOL);
                }
            }
        } else if (!users.isEmpty() && !definition.mutualTls()) {
            throw new InvalidSettingException("Users " + users.stream().map(User::name).toList() + " are declared,"
                    + " but with securityProtocol " + protocol + " nobody logs in: use SASL_PLAINTEXT,"
                    + " SASL_SSL, or SSL with mutualTls, or remove the users",
                    Setting.USERS, Setting.SECURITY_PROTOCOL, Setting.MUTUAL_TLS);
        } else if (definition.mutualTls() && users.isEmpty()) {
            throw new InvalidSettingException("mutualTls needs at least one user: each user gets a client"
                    + " certificate with subject CN=<name>", Setting.USERS, Setting.MUTUAL_TLS);
        }
        if (protocol != SecurityProtocol.PLAINTEXT || definition.authorizer()) {
            for (String key : definition.brokerProperties().keySet()) {
                String name = key.trim();
                if (name.startsWith("listener.name.") || SECURED_RESERVED_PROPERTIES.contains(name)) {
                    throw new InvalidSettingException("Broker property '" + key + "' is set by kafka-testenv on a"
                            + " secured cluster's listeners; remove it and use the security settings"
                            + " (securityProtocol, users, saslMechanism, mutualTls, superUsers and grants)",
                            Setting.BROKER_PROPERTIES);
                }
            }
        }
    }
}
