package io.github.kafkatestenv.bridge.common;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** What every runtime releases once its servers are stopped. */
public final class RuntimeRelease {

    private RuntimeRelease() {
    }

    /** Stops the yammer metrics of this runtime and unregisters the JMX beans whose classes it loaded. */
    public static void releaseMetricsAndBeans() {
        try {
            // Stops the metrics-meter-tick threads; com.yammer.metrics.Metrics itself is left alone because its
            // static initialiser adds a JVM shutdown hook.
            org.apache.kafka.server.metrics.KafkaYammerMetrics.defaultRegistry().shutdown();
        } catch (Throwable ignored) {
            // not every runtime initialised it
        }
        ClassLoader loader = RuntimeRelease.class.getClassLoader();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(null, null)) {
            try {
                if (server.getClassLoaderFor(name) == loader) {
                    server.unregisterMBean(name);
                }
            } catch (Exception ignored) {
                // gone already or not ours
            }
        }
    }
}
