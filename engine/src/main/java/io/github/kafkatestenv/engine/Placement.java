package io.github.kafkatestenv.engine;

import java.util.Locale;

/**
 * Where a cluster's servers run. Left unset in a definition, a release that can run in the JVM does; any other runs
 * in processes.
 */
public enum Placement {

    /**
     * Every server in the JVM that starts the cluster, in a class loader of its own that the caller's class path
     * never sees. Kafka 3.9.x and 4.x.
     */
    IN_JVM,

    /**
     * ZooKeeper and each broker or KRaft node in a JVM process of its own, started from the release's own jars and
     * main classes: any release from 3.0.0 (KRaft from 3.3.0). {@link KafkaCluster#killBroker} is a real crash
     * there (SIGKILL), and the processes end with the JVM that started them, however it ends.
     */
    PROCESSES;

    /**
     * The placement named by {@code text}, ignoring case, with {@code -} or {@code _} ({@code in-jvm},
     * {@code PROCESSES}).
     *
     * @throws InvalidSettingException for any other text, naming the two
     */
    public static Placement parse(String text) {
        String normalised = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Placement placement : values()) {
            if (placement.name().equals(normalised)) {
                return placement;
            }
        }
        throw new InvalidSettingException("Unknown placement '" + text + "': use IN_JVM (Kafka 3.9.x and 4.x) or"
                + " PROCESSES (any release from 3.0.0)", Setting.PLACEMENT);
    }
}
