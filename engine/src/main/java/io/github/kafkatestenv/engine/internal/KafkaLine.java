package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Setting;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of Kafka releases the engine can run, with the bridge built for it if its servers can run in this JVM.
 * Every line runs in processes of its own, from the release's own main classes.
 */
public enum KafkaLine {

    /** 3.0 to 3.8: in processes only. ZooKeeper mode; KRaft from 3.3, the first production-ready KRaft. */
    KAFKA_3(null, null, true, List.of("org.slf4j:slf4j-reload4j")),
    KAFKA_3_9("kafka39", "io.github.kafkatestenv.bridge.kafka39.Kafka39Bridge", true,
            List.of("org.slf4j:slf4j-reload4j", "org.bouncycastle:bcpkix-jdk18on")),
    KAFKA_4("kafka4", "io.github.kafkatestenv.bridge.kafka4.Kafka4Bridge", false,
            List.of("org.apache.logging.log4j:log4j-slf4j-impl", "org.apache.logging.log4j:log4j-core",
                    "org.bouncycastle:bcpkix-jdk18on"));

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-.][0-9A-Za-z.-]+)?");
    /** The first release whose KRaft mode is production-ready. */
    private static final int FIRST_KRAFT_MINOR = 3;

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
            if (major == 3) {
                return minor == 9 ? KAFKA_3_9 : KAFKA_3;
            }
            if (major == 4) {
                return KAFKA_4;
            }
        } else if (version != null && version.trim().matches("\\d+(\\.\\d+)?")) {
            throw new InvalidSettingException("Kafka version '" + version + "' names a line, not a release: give all"
                    + " three numbers, e.g. 3.9.2 or " + builtInVersion(KAFKA_4), Setting.KAFKA_VERSION);
        }
        throw new InvalidSettingException("Unsupported Kafka version '" + version + "': use a release from 3.0.0 to"
                + " 4.x, for example 3.9.2 (ZooKeeper or KRaft mode; the default) or " + builtInVersion(KAFKA_4)
                + " (KRaft mode only)", Setting.KAFKA_VERSION);
    }

    /** Whether {@code version} has KRaft mode: 3.3 and newer. */
    public static boolean supportsKRaft(String version) {
        return atLeast(version, 3, FIRST_KRAFT_MINOR);
    }

    /** Whether {@code version} keeps SCRAM credentials in {@code mode}: always with ZooKeeper, from 3.5 in KRaft. */
    public static boolean supportsScram(String version, Mode mode) {
        return mode == Mode.ZOOKEEPER || atLeast(version, 3, 5);
    }

    private static boolean atLeast(String version, int major, int minor) {
        Matcher matcher = VERSION.matcher(version.trim());
        if (!matcher.matches()) {
            return false;
        }
        int actualMajor = Integer.parseInt(matcher.group(1));
        return actualMajor > major || actualMajor == major && Integer.parseInt(matcher.group(2)) >= minor;
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

    /** Whether a bridge lets this line's servers run in this JVM. */
    public boolean runsInJvm() {
        return bridgeClass != null;
    }

    /** The resource directory inside the engine that holds this line's bridge classes and runtime list. */
    String resourceDirectory() {
        if (directory == null) {
            throw new IllegalStateException(this + " has no bridge built into the engine");
        }
        return "META-INF/kafka-testenv/" + directory + "/";
    }

    /** The line whose built-in runtime gives the versions of this line's companion artifacts. */
    KafkaLine companionSource() {
        return directory == null ? KAFKA_3_9 : this;
    }

    String bridgeClass() {
        return bridgeClass;
    }

    /** What the servers need beside kafka_2.13: the logging binding and, in the JVM, the certificate generator. */
    List<String> companionArtifacts() {
        return companionArtifacts;
    }
}
