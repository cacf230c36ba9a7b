package io.github.kafkatestenv.engine;

import java.util.Locale;

/** How a cluster keeps its metadata. */
public enum Mode {

    /** A ZooKeeper server and brokers registered in it: Kafka 3.x only. */
    ZOOKEEPER,

    /** Combined broker and controller nodes, every node a voter of the metadata quorum: Kafka 3.3 and newer. */
    KRAFT;

    /**
     * The mode named by {@code text}, ignoring case ({@code zookeeper}, {@code zk}, {@code kraft}).
     *
     * @throws InvalidSettingException for any other text, naming the supported modes
     */
    public static Mode parse(String text) {
        String normalised = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (normalised) {
            case "zookeeper":
            case "zk":
                return ZOOKEEPER;
            case "kraft":
                return KRAFT;
            default:
                throw new InvalidSettingException("Unknown mode '" + text
                        + "': use ZOOKEEPER (Kafka 3.x) or KRAFT (Kafka 3.3 and newer)", Setting.MODE);
        }
    }
}
