package io.github.kafkatestenv.engine.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;

/**
 * Lets go of what the JDK itself caches from a closed Kafka runtime.
 *
 * <p>Before Java 20 (JDK-8291065), each of the method handles behind every record's {@code equals},
 * {@code hashCode} and {@code toString} keeps its last {@code asType} result, and with it the component type of
 * the last record linked: after Kafka 4 that is a type of Kafka's, which pins the runtime's class loader. Linking
 * the three methods of a record of ours replaces those entries.
 */
final class JdkCaches {

    private JdkCaches() {
    }

    static void releaseRecordMethodCaches() {
        if (Runtime.version().feature() >= 20) {
            return;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle getter = lookup.findGetter(Probe.class, "name", String.class);
            ObjectMethods.bootstrap(lookup, "equals",
                    MethodType.methodType(boolean.class, Probe.class, Object.class), Probe.class, "name", getter);
            ObjectMethods.bootstrap(lookup, "hashCode",
                    MethodType.methodType(int.class, Probe.class), Probe.class, "name", getter);
            ObjectMethods.bootstrap(lookup, "toString",
                    MethodType.methodType(String.class, Probe.class), Probe.class, "name", getter);
        } catch (Throwable ignored) {
            // another JDK's implementation: nothing to release
        }
    }

    private record Probe(String name) {
    }
}
