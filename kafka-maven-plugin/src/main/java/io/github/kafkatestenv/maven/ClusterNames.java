package io.github.kafkatestenv.maven;

import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/** How {@code start} and {@code stop} name a cluster, its published properties and its properties file. */
final class ClusterNames {

    private ClusterNames() {
    }

    /** The name as the registry keys it: trimmed, {@code ""} for the unnamed cluster. */
    static String normalize(String name) {
        return name == null ? "" : name.trim();
    }

    /**
     * Checks that a name can be part of a property name and a file name.
     *
     * @throws MojoExecutionException naming the value and the characters allowed
     */
    static String validate(String name) throws MojoExecutionException {
        String normalized = normalize(name);
        if (!normalized.matches("[A-Za-z0-9_-]*")) {
            throw new MojoExecutionException("Invalid cluster name '" + name + "': use letters, digits, '_' and '-'"
                    + " only, for example <name>orders</name>; it becomes part of the property names"
                    + " kafka.<name>.bootstrap.servers");
        }
        return normalized;
    }

    /** {@code kafka.} for the unnamed cluster, {@code kafka.<name>.} for a named one. */
    static String propertyPrefix(String name) {
        return name.isEmpty() ? "kafka." : "kafka." + name + ".";
    }

    /** {@code kafka.properties} for the unnamed cluster, {@code kafka-<name>.properties} for a named one. */
    static Path propertiesFile(Path workDirectory, String name) {
        return workDirectory.resolve(name.isEmpty() ? "kafka.properties" : "kafka-" + name + ".properties");
    }

    /** How messages name the cluster. */
    static String describe(String name) {
        return name.isEmpty() ? "(unnamed)" : "named '" + name + "'";
    }
}
