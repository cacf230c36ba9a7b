package io.github.kafkatestenv.maven.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.engine.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a client needs to get into a cluster, as files in the cluster's directory: {@code client.properties} (the
 * first user's {@link KafkaCluster#clientProperties()}, or no user's) and {@code client-<user>.properties} for each
 * declared user. Any Kafka client takes them, as do the console tools ({@code --producer.config},
 * {@code --consumer.config}, {@code --command-config}). They hold passwords, so only their owner may read them where
 * the file system has POSIX permissions, and nothing here ever logs their content.
 */
public final class ClientAccess {

    /** The file of the first user (or of no user, without users). */
    public static final String DEFAULT_FILE = "client.properties";

    private final Path defaultFile;
    private final Map<String, Path> userFiles;

    private ClientAccess(Path defaultFile, Map<String, Path> userFiles) {
        this.defaultFile = defaultFile;
        this.userFiles = userFiles;
    }

    /** The files of {@code cluster}, not yet written. */
    public static ClientAccess of(KafkaCluster cluster) {
        Map<String, Path> userFiles = new LinkedHashMap<>();
        for (User user : cluster.definition().users()) {
            userFiles.put(user.name(), cluster.directory().resolve("client-" + user.name() + ".properties"));
        }
        return new ClientAccess(cluster.directory().resolve(DEFAULT_FILE), userFiles);
    }

    /** {@code client.properties}: the first user's settings, or, without users, those of an anonymous client. */
    public Path defaultFile() {
        return defaultFile;
    }

    /** {@code client-<user>.properties} by user name, in the order the users were declared. */
    public Map<String, Path> userFiles() {
        return userFiles;
    }

    /** Every file, the default one first. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(defaultFile);
        files.addAll(userFiles.values());
        return files;
    }

    /**
     * Writes every file, replacing what is there.
     *
     * @throws IOException if one cannot be written
     */
    public void write(KafkaCluster cluster) throws IOException {
        String about = "Client settings for the Kafka cluster at " + cluster.bootstrapServers();
        write(defaultFile, cluster.clientProperties(), about
                + (userFiles.isEmpty() ? "" : ", as " + userFiles.keySet().iterator().next()));
        for (Map.Entry<String, Path> user : userFiles.entrySet()) {
            write(user.getValue(), cluster.clientProperties(user.getKey()), about + ", as " + user.getKey());
        }
    }

    private static void write(Path file, Map<String, String> properties, String comment) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, format(properties, comment), StandardCharsets.ISO_8859_1);
    }

    /**
     * The text of a properties file that {@link java.util.Properties#load(java.io.InputStream)} reads back as
     * {@code properties}. Unlike {@link java.util.Properties#store}, it leaves {@code :} and {@code =} in values as
     * they are, so that the file stays readable and tools with a simpler reader (kcat's {@code -F}) take it too;
     * backslashes, other characters outside printable ASCII and leading blanks are escaped.
     */
    static String format(Map<String, String> properties, String comment) {
        StringBuilder text = new StringBuilder("# ").append(escape(comment, false)).append('\n')
                .append("# Written by kafka-testenv; deleted when the cluster stops.\n");
        properties.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false))
                .append('\n'));
        return text.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                escaped.append("\\\\");
            } else if ((c == ' ' || c == '\t') && (key || i == 0)) {
                escaped.append('\\').append(c);
            } else if (key && (c == '=' || c == ':' || c == '#' || c == '!')) {
                escaped.append('\\').append(c);
            } else if (c < ' ' || c > '~') {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Deletes the files that exist. */
    public void delete() throws IOException {
        for (Path file : files()) {
            Files.deleteIfExists(file);
        }
    }

    /** Whether the definition secures the cluster: a protocol other than PLAINTEXT, or ACLs. */
    public static boolean secured(ClusterDefinition definition) {
        return definition.securityProtocol() != SecurityProtocol.PLAINTEXT || definition.authorizer();
    }

    /**
     * The listener's security as log lines show it, with user names and never passwords:
     * {@code SASL_SSL (SCRAM-SHA-256), users alice, bob, ACLs}; empty for a PLAINTEXT cluster without ACLs.
     */
    public static String describe(ClusterDefinition definition) {
        if (!secured(definition)) {
            return "";
        }
        StringJoiner described = new StringJoiner(", ");
        SecurityProtocol protocol = definition.securityProtocol();
        described.add(protocol + (protocol.usesSasl() ? " (" + definition.saslMechanism() + ")" : "")
                + (definition.mutualTls() ? " with client certificates" : ""));
        if (!definition.users().isEmpty()) {
            described.add("users " + String.join(", ", definition.users().stream().map(User::name).toList()));
        }
        if (definition.authorizer()) {
            described.add("ACLs");
        }
        return described.toString();
    }
}
