package io.github.kafkatestenv.bridge.common;

import io.github.kafkatestenv.bridge.BridgeException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds, once per runtime, the form a Kafka release has of a call whose class or signature moved between releases
 * of one line (a bridge is compiled against one release and runs on all of its line), or fails with a message that
 * names the release and every form looked for.
 */
public final class MovedApi {

    private static final String VERSION_RESOURCE = "kafka/kafka-version.properties";

    private MovedApi() {
    }

    /**
     * The runtime's Kafka version, from the resource its kafka-clients jar carries (what Kafka's own
     * {@code AppInfoParser} reads; that class itself moved in 4.4).
     */
    public static String kafkaVersion() {
        try (InputStream in = MovedApi.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Kafka runtime has no " + VERSION_RESOURCE
                        + ": its jars lack kafka-clients");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + VERSION_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The first of {@code names} this runtime has; {@code what} says in a few words what it is for. */
    public static Class<?> firstClass(String what, String... names) {
        for (String name : names) {
            try {
                return Class.forName(name, false, MovedApi.class.getClassLoader());
            } catch (ClassNotFoundException ignored) {
                // not in this release: try the next form
            }
        }
        throw noneFits(what, List.of(names));
    }

    /** The first public method of {@code owner} named one of {@code names} that takes {@code parameters}. */
    public static Method firstMethod(Class<?> owner, String what, List<String> names, Class<?>... parameters) {
        List<String> tried = new ArrayList<>();
        for (String name : names) {
            try {
                return owner.getMethod(name, parameters);
            } catch (NoSuchMethodException ignored) {
                tried.add(owner.getName() + "." + name);
            }
        }
        throw noneFits(what, tried);
    }

    /** Calls {@code method}, handing on what it throws as it was thrown. */
    public static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }

    /** Thrown as the engine shows it, without an exception class name before the message. */
    private static BridgeException noneFits(String what, List<String> tried) {
        return new BridgeException("Kafka " + kafkaVersion() + " has none of the forms of " + what
                + " that kafka-testenv knows (" + String.join(", ", tried) + "), so it cannot run this release in the"
                + " JVM: use a release the kafka-testenv README lists as running in the JVM",
                IllegalStateException.class.getName());
    }
}
