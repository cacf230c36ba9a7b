package io.github.kafkatestenv.bridge.common;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Replaces Kafka's process-wide exit, halt and shutdown-hook procedures with ones that neither stop nor pin the
 * JVM. Kafka's {@code Exit} moved from {@code org.apache.kafka.common.utils} to its {@code internals} package in 4.4.
 */
public final class ExitProcedures {

    private static final String[] EXIT_CLASSES = {
        "org.apache.kafka.common.utils.internals.Exit", // 4.4 and later
        "org.apache.kafka.common.utils.Exit",           // 3.9 to 4.3
    };

    private ExitProcedures() {
    }

    /** Installs the procedures in the runtime this class is loaded in. */
    public static void install() {
        Class<?> exit = MovedApi.firstClass("Kafka's exit procedures", EXIT_CLASSES);
        Class<?> procedure = nested(exit, "Procedure");
        Class<?> hookAdder = nested(exit, "ShutdownHookAdder");
        set(exit, "setExitProcedure", procedure, refusing(procedure, "exit"));
        set(exit, "setHaltProcedure", procedure, refusing(procedure, "halt"));
        // Kafka's only hook here unregisters its JMX beans; the engine does that itself at close.
        set(exit, "setShutdownHookAdder", hookAdder, implement(hookAdder, (proxy, method, args) -> null));
    }

    /** The message of the exception that replaces an exit or halt Kafka asks for. */
    static String exitRefused(String what, int status, String message) {
        return "Kafka asked to " + what + " the JVM (status " + status + "): " + (message != null ? message
                : "it gave no reason here; its log says why, in the ERROR lines before it gave up");
    }

    private static Class<?> nested(Class<?> exit, String simpleName) {
        return MovedApi.firstClass("Kafka's exit procedures", exit.getName() + "$" + simpleName);
    }

    private static void set(Class<?> exit, String setter, Class<?> type, Object value) {
        Method method = MovedApi.firstMethod(exit, "Kafka's exit procedures", java.util.List.of(setter), type);
        MovedApi.invoke(method, null, value);
    }

    /** A procedure ({@code execute(int status, String message)}) that throws instead of ending the JVM. */
    private static Object refusing(Class<?> procedure, String what) {
        return implement(procedure, (proxy, method, args) -> {
            throw new IllegalStateException(exitRefused(what, (Integer) args[0], (String) args[1]));
        });
    }

    /** Implements {@code type}'s one abstract method with {@code body}; Object's methods act as on any object. */
    private static Object implement(Class<?> type, InvocationHandler body) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getDeclaringClass() == Object.class ? method.getName() : "") {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "kafka-testenv " + type.getSimpleName();
                    default -> body.invoke(proxy, method, args);
                });
    }
}
