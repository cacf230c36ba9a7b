package io.github.kafkatestenv.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ACL that allows a principal some operations on a resource, from any host. Declaring one turns the cluster's
 * authorizer on; without a grant (or a super user), a principal may do nothing.
 *
 * <pre>{@code
 * new Grant("alice", Grant.ResourceType.TOPIC, "orders", false, Set.of(Grant.Operation.READ, Grant.Operation.WRITE));
 * Grant.parse("alice topic:orders read,write,describe");   // the compact form of the annotation and the plugin
 * Grant.parse("User:alice group:billing-* read");          // every group whose name starts with billing-
 * Grant.parse("bob topic:* describe");                     // every topic
 * Grant.parse("bob cluster idempotent_write");
 * }</pre>
 *
 * @param principal    {@code User:<name>}; a user name alone is taken as {@code User:<name>}
 * @param resourceType what kind of resource
 * @param resourceName a name, {@code *} for all, or a prefix when {@code prefixed}
 * @param prefixed     whether {@code resourceName} is a prefix
 * @param operations   what the principal may do on it, at least one; unmodifiable, in the enum's order
 */
public record Grant(String principal, ResourceType resourceType, String resourceName, boolean prefixed,
                    Set<Operation> operations) {

    /** The kinds of resource a grant can name: Kafka's ACL resource types. */
    public enum ResourceType {
        /** A topic; {@code topic:orders}. */
        TOPIC,
        /** A consumer group; {@code group:billing}. */
        GROUP,
        /** The cluster itself, named {@code kafka-cluster}; {@code cluster}. */
        CLUSTER,
        /** A producer's transactional id; {@code transactional_id:payments-tx}. */
        TRANSACTIONAL_ID
    }

    /** What a grant allows: Kafka's ACL operations. */
    public enum Operation {
        /** Every operation. */
        ALL,
        READ,
        WRITE,
        CREATE,
        DELETE,
        ALTER,
        DESCRIBE,
        CLUSTER_ACTION,
        DESCRIBE_CONFIGS,
        ALTER_CONFIGS,
        IDEMPOTENT_WRITE
    }

    private static final String FORM = "use '<user> <resource> <operations>', for example"
            + " 'alice topic:orders read,write' or 'alice group:billing-* read'";

    public Grant {
        principal = principal(principal, Setting.GRANTS);
        if (resourceType == null) {
            throw new InvalidSettingException("A grant to " + principal + " has no resource type: use one of "
                    + lowerCase(ResourceType.values()), Setting.GRANTS);
        }
        if (resourceName == null || resourceName.isBlank()) {
            throw new InvalidSettingException("A grant to " + principal + " on a " + lowerCase(resourceType)
                    + " names no resource: give a name, a prefix ending in *, or * for all", Setting.GRANTS);
        }
        if (operations == null || operations.isEmpty() || operations.stream().anyMatch(Objects::isNull)) {
            throw new InvalidSettingException("A grant to " + principal + " on " + lowerCase(resourceType) + " '"
                    + resourceName + "' names no operation, for example read,write", Setting.GRANTS);
        }
        operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
    }

    /**
     * Parses {@code <user> <resource> <operations>}: a user name or {@code User:<name>}; {@code topic:<name>},
     * {@code group:<name>}, {@code transactional_id:<name>} or {@code cluster}, where a name ending in {@code *} is
     * a prefix and {@code *} alone means all; comma-separated operations, any case, {@code -} for {@code _}.
     *
     * @throws InvalidSettingException naming the grant, the token that is wrong and the expected form
     */
    public static Grant parse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.trim().split("\\s+");
        if (parts.length != 3 || parts[0].isEmpty()) {
            throw new InvalidSettingException("Invalid grant '" + spec + "': " + FORM, Setting.GRANTS);
        }
        String resource = parts[1];
        int colon = resource.indexOf(':');
        String typeToken = colon < 0 ? resource : resource.substring(0, colon);
        String name = colon < 0 ? "" : resource.substring(colon + 1);
        ResourceType type = constant(ResourceType.class, typeToken);
        if (colon < 0 && type == null) {
            throw new InvalidSettingException("Invalid grant '" + spec + "': the resource '" + resource + "' has no"
                    + " type; write it as topic:" + resource + ", group:" + resource + " or transactional_id:"
                    + resource, Setting.GRANTS);
        }
        if (type == null) {
            throw new InvalidSettingException("Invalid grant '" + spec + "': unknown resource type '" + typeToken
                    + "'; use " + lowerCase(ResourceType.values()), Setting.GRANTS);
        }
        if (type == ResourceType.CLUSTER) {
            name = name.isEmpty() ? "kafka-cluster" : name;
        } else if (colon < 0) {
            throw new InvalidSettingException("Invalid grant '" + spec + "': the resource '" + resource
                    + "' needs a name, as in topic:orders; " + FORM, Setting.GRANTS);
        }
        List<Operation> operations = new ArrayList<>();
        for (String token : parts[2].split(",")) {
            Operation operation = constant(Operation.class, token);
            if (operation == null) {
                throw new InvalidSettingException("Invalid grant '" + spec + "': unknown operation '" + token
                        + "'; use " + lowerCase(Operation.values()), Setting.GRANTS);
            }
            operations.add(operation);
        }
        boolean prefixed = name.length() > 1 && name.endsWith("*");
        return new Grant(parts[0], type, prefixed ? name.substring(0, name.length() - 1) : name, prefixed,
                EnumSet.copyOf(operations));
    }

    /** Parses a {@code ;}-separated list of {@link #parse} forms; blanks are skipped. */
    public static List<Grant> parseList(String specs) {
        List<Grant> grants = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs.split(";")) {
                if (!spec.isBlank()) {
                    grants.add(parse(spec));
                }
            }
        }
        return grants;
    }

    /**
     * {@code User:<name>} for a user name; a {@code User:...} principal as it is.
     *
     * @param setting where the principal was given, for the error: {@link Setting#GRANTS} or
     *                {@link Setting#SUPER_USERS}
     */
    static String principal(String userOrPrincipal, Setting setting) {
        String text = userOrPrincipal == null ? "" : userOrPrincipal.trim();
        if (text.startsWith("User:")) {
            text = text.substring("User:".length());
        }
        if (text.isEmpty() || text.contains(":") || text.contains(";") || text.contains(",")
                || text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidSettingException("Invalid principal '" + userOrPrincipal
                    + "': use a user name such as alice, or User:alice", setting);
        }
        return "User:" + text;
    }

    /** The constant named by {@code token}, ignoring case and taking {@code -} for {@code _}; null for none. */
    private static <E extends Enum<E>> E constant(Class<E> type, String token) {
        String normalised = token.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        return null;
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static String lowerCase(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Grant::lowerCase).collect(Collectors.joining(", "));
    }

    /** The compact form, {@code User:alice topic:orders read,write}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return principal + " " + lowerCase(resourceType) + ":" + resourceName + (prefixed ? "*" : "") + " "
                + operations.stream().map(Grant::lowerCase).collect(Collectors.joining(","));
    }
}
