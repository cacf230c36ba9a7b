package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.ClusterAdmin.AclEntry;
import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.User;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The listeners, credentials, certificates and ACLs of a secured cluster (a security protocol other than
 * PLAINTEXT, or an authorizer).
 *
 * <p>Each broker then has two listeners. {@code CLIENT}, in the bootstrap servers, speaks the chosen protocol to the
 * users' clients. {@code INTERNAL} carries replication and the engine's own admin client: SASL PLAIN with a
 * per-cluster random secret for the engine's super user, so that it is no back door around the ACLs. In KRaft
 * mode the {@code CONTROLLER} listener is secured the same way.
 */
final class ClusterSecurity {

    static final String INTERNAL = "INTERNAL";
    static final String CLIENT = "CLIENT";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PKCS12 = "PKCS12";

    private final ClusterDefinition definition;
    private final String engineSecret;
    private final Path tlsDirectory;
    private final String storePassword;

    private ClusterSecurity(ClusterDefinition definition, Path clusterDirectory) {
        this.definition = definition;
        this.engineSecret = randomSecret();
        this.tlsDirectory = definition.securityProtocol().usesTls() ? clusterDirectory.resolve("tls") : null;
        this.storePassword = randomSecret();
    }

    /** The security of a cluster, or {@code null} for a plain one, which keeps a single PLAINTEXT listener. */
    static ClusterSecurity of(ClusterDefinition definition, Path clusterDirectory) {
        return isSecured(definition) ? new ClusterSecurity(definition, clusterDirectory) : null;
    }

    /** Whether a cluster gets the two listeners of a secured one. */
    static boolean isSecured(ClusterDefinition definition) {
        return definition.securityProtocol() != SecurityProtocol.PLAINTEXT || definition.authorizer();
    }

    /** Generates the CA and certificates the TLS listener and mutual-TLS clients use; nothing without TLS. */
    void writeTlsFiles(KafkaRuntime runtime) throws Exception {
        if (tlsDirectory != null) {
            List<String> clients = definition.mutualTls()
                    ? definition.users().stream().map(User::name).toList() : List.of();
            runtime.writeTlsFiles(tlsDirectory, storePassword, clients);
        }
    }

    /** Sets a broker's listeners, their security, and the authorizer. */
    void configure(Properties config, int clientPort, int internalPort, int controllerPort) {
        boolean kraft = definition.mode() == Mode.KRAFT;
        // The broker's own login on the listener, and the one account that listener accepts.
        String engineLogin = login("PLAIN", User.RESERVED_NAME, engineSecret)
                .replace(";", " user_" + User.RESERVED_NAME + "=\"" + engineSecret + "\";");
        String listeners = INTERNAL + "://" + Ports.HOST + ":" + internalPort + "," + CLIENT + "://" + Ports.HOST
                + ":" + clientPort;
        String protocols = INTERNAL + ":SASL_PLAINTEXT," + CLIENT + ":" + definition.securityProtocol();
        if (kraft) {
            listeners += ",CONTROLLER://" + Ports.HOST + ":" + controllerPort;
            protocols += ",CONTROLLER:SASL_PLAINTEXT";
            config.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
            config.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            config.setProperty("listener.name.controller.plain.sasl.jaas.config", engineLogin);
        }
        config.setProperty("listeners", listeners);
        config.setProperty("listener.security.protocol.map", protocols);
        config.setProperty("inter.broker.listener.name", INTERNAL);
        config.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.setProperty("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
        config.setProperty("listener.name.internal.plain.sasl.jaas.config", engineLogin);

        String client = "listener.name." + CLIENT.toLowerCase(Locale.ROOT) + ".";
        if (definition.securityProtocol().usesSasl()) {
            StringBuilder plainUsers = new StringBuilder(PLAIN_MODULE + " required");
            for (User user : definition.users()) {
                plainUsers.append(" user_").append(user.name()).append("=\"").append(user.password()).append('"');
            }
            config.setProperty(client + "plain.sasl.jaas.config", plainUsers.append(';').toString());
            if (scram()) {
                config.setProperty(client + "sasl.enabled.mechanisms", java.util.Arrays.stream(SaslMechanism.values())
                        .map(SaslMechanism::mechanismName).collect(java.util.stream.Collectors.joining(",")));
                config.setProperty(client + "scram-sha-256.sasl.jaas.config", SCRAM_MODULE + " required;");
                config.setProperty(client + "scram-sha-512.sasl.jaas.config", SCRAM_MODULE + " required;");
            } else {
                config.setProperty(client + "sasl.enabled.mechanisms", "PLAIN");
            }
        }
        if (tlsDirectory != null) {
            config.setProperty(client + "ssl.keystore.location", tlsDirectory.resolve("broker.p12").toString());
            config.setProperty(client + "ssl.keystore.password", storePassword);
            config.setProperty(client + "ssl.key.password", storePassword);
            config.setProperty(client + "ssl.keystore.type", PKCS12);
            config.setProperty(client + "ssl.truststore.location", tlsDirectory.resolve("truststore.p12").toString());
            config.setProperty(client + "ssl.truststore.password", storePassword);
            config.setProperty(client + "ssl.truststore.type", PKCS12);
            config.setProperty(client + "ssl.client.auth", definition.mutualTls() ? "required" : "none");
            // A client certificate's subject CN=alice is the principal User:alice, as a SASL login would be.
            config.setProperty("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
        }
        if (definition.authorizer()) {
            config.setProperty("authorizer.class.name", kraft
                    ? "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
                    : "kafka.security.authorizer.AclAuthorizer");
            StringJoiner superUsers = new StringJoiner(";");
            superUsers.add("User:" + User.RESERVED_NAME);
            definition.superUsers().forEach(superUsers::add);
            config.setProperty("super.users", superUsers.toString());
        }
    }

    /** How the engine's admin client logs in on the internal listener. */
    Map<String, String> engineClientConfig() {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", login("PLAIN", User.RESERVED_NAME, engineSecret));
    }

    /**
     * The security settings of a client that connects as {@code user} (null: anonymous, for a listener that does
     * not authenticate its clients).
     */
    Map<String, String> clientProperties(User user) {
        Map<String, String> properties = new LinkedHashMap<>();
        SecurityProtocol protocol = definition.securityProtocol();
        properties.put("security.protocol", protocol.name());
        if (protocol.usesSasl() && user != null) {
            String mechanism = definition.saslMechanism().mechanismName();
            properties.put("sasl.mechanism", mechanism);
            properties.put("sasl.jaas.config", login(mechanism, user.name(), user.password()));
        }
        if (tlsDirectory != null) {
            properties.put("ssl.truststore.location", tlsDirectory.resolve("truststore.p12").toString());
            properties.put("ssl.truststore.password", storePassword);
            properties.put("ssl.truststore.type", PKCS12);
            if (definition.mutualTls() && user != null) {
                properties.put("ssl.keystore.location", tlsDirectory.resolve(user.name() + ".p12").toString());
                properties.put("ssl.keystore.password", storePassword);
                properties.put("ssl.key.password", storePassword);
                properties.put("ssl.keystore.type", PKCS12);
            }
        }
        return properties;
    }

    /** The client settings of a declared user, or an error that names the declared ones. */
    User user(String name) {
        for (User user : definition.users()) {
            if (user.name().equals(name)) {
                return user;
            }
        }
        throw new IllegalArgumentException("No user '" + name + "' in this cluster: its users are "
                + definition.users().stream().map(User::name).toList());
    }

    Optional<Path> tlsDirectory() {
        return Optional.ofNullable(tlsDirectory);
    }

    /** Whether the release keeps SCRAM credentials in this mode (KRaft before 3.5 does not). */
    private boolean scram() {
        return KafkaLine.supportsScram(definition.kafkaVersion(), definition.mode());
    }

    /** Name to password of every user, for SCRAM credentials: only with SASL, where the release has SCRAM. */
    Map<String, String> scramPasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        if (definition.securityProtocol().usesSasl() && scram()) {
            definition.users().forEach(user -> passwords.put(user.name(), user.password()));
        }
        return passwords;
    }

    /** The declared grants, one binding per operation, each once: Kafka stores a binding once, however often given. */
    List<AclEntry> aclEntries() {
        java.util.Set<AclEntry> entries = new java.util.LinkedHashSet<>();
        for (Grant grant : definition.grants()) {
            for (Grant.Operation operation : grant.operations()) {
                entries.add(new AclEntry(grant.principal(), grant.resourceType().name(), grant.resourceName(),
                        grant.prefixed(), operation.name()));
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The clients whose login proves a broker's client listener ready: each user once (SCRAM credentials reach
     * every broker on their own time), or one anonymous client when the listener authenticates nobody.
     */
    List<Map<String, String>> readinessProbes() {
        List<Map<String, String>> probes = new ArrayList<>();
        SecurityProtocol protocol = definition.securityProtocol();
        if (protocol.usesSasl() || definition.mutualTls()) {
            for (User user : definition.users()) {
                Map<String, String> probe = clientProperties(user);
                if (protocol.usesSasl()) {
                    probe.put("sasl.mechanism", "SCRAM-SHA-512");
                    probe.put("sasl.jaas.config", login("SCRAM-SHA-512", user.name(), user.password()));
                }
                probes.add(probe);
            }
        } else {
            probes.add(clientProperties(null));
        }
        return probes;
    }

    /** A client's JAAS login for a SASL mechanism. */
    private static String login(String mechanism, String user, String password) {
        return (mechanism.equals("PLAIN") ? PLAIN_MODULE : SCRAM_MODULE) + " required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
