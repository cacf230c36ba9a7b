package io.github.kafkatestenv.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An ACL that allows a principal some operations on a resource, from any host. Declaring one turns the cluster's
 * authorizer on; without a grant (or a super user), a principal may do nothing.
 *
 * <pre>{@code
 * Grant.parse("alice topic:orders read,write,describe");
 * Grant.parse("User:alice group:billing-* read");     // every group whose name starts with billing-
 * Grant.parse("bob topic:* describe");                // every topic
 * Grant.parse("bob cluster idempotent_write");
 * }</pre>
 *
 * @param principal    {@code User:<name>}
 * @param resourceType {@code TOPIC}, {@code GROUP}, {@code CLUSTER} or {@code TRANSACTIONAL_ID}
 * @param resourceName a name, {@code *} for all, or a prefix when {@code prefixed}
 * @param prefixed     whether {@code resourceName} is a prefix
 * @param operations   Kafka ACL operations such as {@code READ}, {@code WRITE}, {@code DESCRIBE} or {@code ALL}
 */
public record Grant(String principal, String resourceType, String resourceName, boolean prefixed,
                    List<String> operations) {

    private static final List<String> RESOURCE_TYPES = List.of("TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID");
    private static final List<String> OPERATIONS = List.of("ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER",
            "DESCRIBE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE");
    private static final String FORM = "use '<user> <resource> <operations>', for example"
            + " 'alice topic:orders read,write' or 'alice group:billing-* read'";

    public Grant {
        principal = principal(principal);
        resourceType = upper(resourceType);
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw new KafkaTestEnvException("Unknown resource type '" + resourceType.toLowerCase(Locale.ROOT)
                    + "' in a grant to " + principal + ": use topic, group, cluster or transactional_id");
        }
        if (resourceName == null || resourceName.isBlank()) {
            throw new KafkaTestEnvException("A grant to " + principal + " on a " + resourceType.toLowerCase(Locale.ROOT)
                    + " names no resource: give a name, a prefix ending in *, or * for all");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String operation : operations == null ? List.<String>of() : operations) {
            String normalised = upper(operation);
            if (!OPERATIONS.contains(normalised)) {
                throw new KafkaTestEnvException("Unknown operation '" + operation + "' in a grant to " + principal
                        + ": use " + String.join(", ", OPERATIONS).toLowerCase(Locale.ROOT));
            }
            checked.add(normalised);
        }
        if (checked.isEmpty()) {
            throw new KafkaTestEnvException("A grant to " + principal + " on " + resourceType.toLowerCase(Locale.ROOT)
                    + " '" + resourceName + "' names no operation, for example read,write");
        }
        operations = List.copyOf(checked);
    }

    /**
     * Parses {@code <user> <resource> <operations>}: a user name or {@code User:<name>}; {@code topic:<name>},
     * {@code group:<name>}, {@code transactional_id:<name>} or {@code cluster}, where a name ending in {@code *} is
     * a prefix and {@code *} alone means all; comma-separated operations.
     *
     * @throws KafkaTestEnvException naming the text and the expected form
     */
    public static Grant parse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.trim().split("\\s+");
        if (parts.length != 3 || parts[0].isEmpty()) {
            throw new KafkaTestEnvException("Invalid grant '" + spec + "': " + FORM);
        }
        String resource = parts[1];
        int colon = resource.indexOf(':');
        String type = colon < 0 ? resource : resource.substring(0, colon);
        String name = colon < 0 ? "" : resource.substring(colon + 1);
        if (upper(type).equals("CLUSTER")) {
            name = name.isEmpty() ? "kafka-cluster" : name;
        } else if (colon < 0) {
            throw new KafkaTestEnvException("Invalid grant '" + spec + "': the resource '" + resource
                    + "' needs a name, as in topic:orders; " + FORM);
        }
        boolean prefixed = name.length() > 1 && name.endsWith("*");
        return new Grant(parts[0], type, prefixed ? name.substring(0, name.length() - 1) : name, prefixed,
                List.of(parts[2].split(",")));
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

    /** {@code User:<name>} for a user name; a {@code User:...} principal as it is. */
    static String principal(String userOrPrincipal) {
        String text = userOrPrincipal == null ? "" : userOrPrincipal.trim();
        if (text.startsWith("User:")) {
            text = text.substring("User:".length());
        }
        if (text.isEmpty() || text.contains(":") || text.contains(";") || text.contains(",")) {
            throw new KafkaTestEnvException("Invalid principal '" + userOrPrincipal
                    + "': use a user name such as alice, or User:alice");
        }
        return "User:" + text;
    }

    private static String upper(String text) {
        return text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String toString() {
        return principal + " " + resourceType.toLowerCase(Locale.ROOT) + ":" + resourceName + (prefixed ? "*" : "")
                + " " + String.join(",", operations).toLowerCase(Locale.ROOT);
    }
}
