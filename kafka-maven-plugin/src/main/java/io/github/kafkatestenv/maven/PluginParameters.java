package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.Setting;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * How the goals name their parameters in messages: the parameter, as written in a pom, and its user property, as
 * written after {@code -D}. A parameter of a cluster setting has the engine setting's name; every user property is
 * {@code kafka.testenv.} and the name, except the two that read what {@code start} publishes.
 */
final class PluginParameters {

    /** The user property of the console goals' {@code bootstrapServers}: the one {@code start} publishes. */
    static final String BOOTSTRAP_SERVERS_PROPERTY = Setting.PROPERTY_PREFIX + "bootstrap.servers";

    /** The user property of the console goals' {@code clientProperties}: the file {@code start} publishes. */
    static final String CLIENT_PROPERTIES_PROPERTY = Setting.PROPERTY_PREFIX + "client.properties";

    private PluginParameters() {
    }

    /** {@code kafka.testenv.<parameter>}, the user property of a parameter. */
    static String property(String parameter) {
        return switch (parameter) {
            case "bootstrapServers" -> BOOTSTRAP_SERVERS_PROPERTY;
            case "clientProperties" -> CLIENT_PROPERTIES_PROPERTY;
            default -> Setting.PROPERTY_PREFIX + parameter;
        };
    }

    /** {@code parameter brokers (-Dkafka.testenv.brokers)}, or several, comma separated, after {@code parameters}. */
    static String describe(List<String> parameters) {
        return (parameters.size() == 1 ? "parameter " : "parameters ") + parameters.stream()
                .map(parameter -> parameter + " (-D" + property(parameter) + ")").collect(Collectors.joining(", "));
    }

    /** {@code parameter brokers (-Dkafka.testenv.brokers)}. */
    static String describe(String parameter) {
        return describe(List.of(parameter));
    }

    /**
     * A goal failure for a value the engine rejected: the parameters at fault (the settings the engine names; only
     * the engine's own, such as {@code startTimeout}, are left out), then its reason.
     */
    static MojoExecutionException invalid(InvalidSettingException e) {
        List<String> parameters = e.settings().stream()
                .filter(setting -> setting != Setting.START_TIMEOUT && setting != Setting.RUNTIME_CLASSPATH)
                .map(Setting::key).toList();
        String where = parameters.isEmpty() ? "" : "Invalid " + describe(parameters) + ": ";
        return new MojoExecutionException(where + e.problem(), e);
    }
}
