package io.github.kafkatestenv.junit.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's switches, each read as a JUnit configuration parameter, else as a system property of the same name:
 * where a test run gets them, whether from {@code junit-platform.properties}, surefire's
 * {@code systemPropertyVariables}, {@code -D} on the command line or the Maven session's user properties.
 */
final class RunSettings {

    private RunSettings() {
    }

    /** The value of {@code name}, trimmed; empty when unset or blank. */
    static Optional<String> get(ExtensionContext context, String name) {
        return get(context::getConfigurationParameter, name);
    }

    /** The value of {@code name} from {@code parameters}, else the system property; trimmed, empty when blank. */
    static Optional<String> get(Function<String, Optional<String>> parameters, String name) {
        Optional<String> value = parameters.apply(name);
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getProperty(name));
        }
        return value.map(String::trim).filter(text -> !text.isEmpty());
    }

    /**
     * A {@code true}/{@code false} switch (any case).
     *
     * @throws ExtensionConfigurationException naming the switch and the value, if it is neither
     */
    static boolean flag(Function<String, Optional<String>> parameters, String name, boolean defaultValue) {
        Optional<String> value = get(parameters, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ExtensionConfigurationException("JUnit configuration parameter (or system property) " + name
                        + " is '" + value.get() + "': set it to true or false, or leave it out (" + defaultValue + ")");
        }
    }

    static boolean flag(ExtensionContext context, String name, boolean defaultValue) {
        return flag(context::getConfigurationParameter, name, defaultValue);
    }
}
