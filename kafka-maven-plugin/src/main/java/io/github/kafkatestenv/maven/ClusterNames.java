package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.Setting;
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
            throw new MojoExecutionException("Invalid " + PluginParameters.describe("clusterName") + ": '" + name
                    + "' has characters other than letters, digits, '_' and '-'; use only those, for example"
                    + " <clusterName>orders</clusterName>: it becomes part of the property names"
                    + " kafka.testenv.<clusterName>.bootstrap.servers");
        }
        if (normalized.equals("client")) {
            throw new MojoExecutionException("Invalid " + PluginParameters.describe("clusterName") + ": 'client'"
                    + " would publish kafka.testenv.client.bootstrap.servers, among the kafka.testenv.client.* client"
                    + " settings that @EmbeddedKafka reads; choose another name");
        }
        return normalized;
    }

    /** {@code kafka.testenv.} for the unnamed cluster, {@code kafka.testenv.<name>.} for a named one. */
    static String propertyPrefix(String name) {
        return name.isEmpty() ? Setting.PROPERTY_PREFIX : Setting.PROPERTY_PREFIX + name + ".";
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
