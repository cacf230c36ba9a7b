package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Mode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A line of Kafka releases the engine can run, with the bridge built for it. */
public enum KafkaLine {

    KAFKA_3_9("kafka39", "io.github.kafkatestenv.bridge.kafka39.Kafka39Bridge", true,
            List.of("org.slf4j:slf4j-reload4j", "org.bouncycastle:bcpkix-jdk18on")),
    KAFKA_4("kafka4", "io.github.kafkatestenv.bridge.kafka4.Kafka4Bridge", false,
            List.of("org.apache.logging.log4j:log4j-slf4j-impl", "org.apache.logging.log4j:log4j-core",
                    "org.bouncycastle:bcpkix-jdk18on"));

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-.][0-9A-Za-z.-]+)?");

    private final String directory;
    private final String bridgeClass;
    private final boolean zooKeeper;
    private final List<String> companionArtifacts;

    KafkaLine(String directory, String bridgeClass, boolean zooKeeper, List<String> companionArtifacts) {
        this.directory = directory;
        this.bridgeClass = bridgeClass;
        this.zooKeeper = zooKeeper;
        this.companionArtifacts = companionArtifacts;
    }

    /**
     * The line of {@code version}, or an error that names the supported ones. Every release of a line runs on its
     * bridge: the calls that moved between releases are bound when the runtime loads (the bridge's MovedApi).
     */
    public static KafkaLine of(String version) {
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (matcher.matches()) {
            int major = Integer.parseInt(matcher.group(1));
            int minor = Integer.parseInt(matcher.group(2));
            if (major == 3 && minor == 9) {
                return KAFKA_3_9;
            }
            if (major == 4) {
                return KAFKA_4;
            }
        } else if (version != null && version.trim().matches("\\d+(\\.\\d+)?")) {
            throw new KafkaTestEnvException("Kafka version '" + version + "' names a line, not a release: give all"
                    + " three numbers, e.g. 3.9.2 or " + builtInVersion(KAFKA_4));
        }
        throw new KafkaTestEnvException("Unsupported Kafka version '" + version + "': use 3.9.x (ZooKeeper or KRaft"
                + " mode; 3.9.2 is the default) or 4.x (KRaft mode only; " + builtInVersion(KAFKA_4) + " is built in)");
    }

    private static String builtInVersion(KafkaLine line) {
        try {
            return RuntimeLocator.manifest(line).version();
        } catch (RuntimeException e) {
            return "4.x";
        }
    }

    public Mode defaultMode() {
        return zooKeeper ? Mode.ZOOKEEPER : Mode.KRAFT;
    }

    public boolean supportsZooKeeper() {
        return zooKeeper;
    }

    /** The resource directory inside the engine that holds this line's bridge classes and runtime list. */
    String resourceDirectory() {
        return "META-INF/kafka-testenv/" + directory + "/";
    }

    String bridgeClass() {
        return bridgeClass;
    }

    /** What the bridge needs beside kafka_2.13: the logging binding and the certificate generator. */
    List<String> companionArtifacts() {
        return companionArtifacts;
    }
}
