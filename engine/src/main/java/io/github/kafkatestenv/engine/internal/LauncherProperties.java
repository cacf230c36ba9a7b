package io.github.kafkatestenv.engine.internal;

/** The system properties the launcher in each server JVM reads (see {@code io.github.kafkatestenv.launcher}). */
final class LauncherProperties {

    /** The directory the launcher deletes when the JVM that started it is gone. */
    static final String ORPHAN_DELETE = "kafka.testenv.orphan.delete";
    /** A file of storage tool arguments, one per line, that the launcher runs before the server. */
    static final String FORMAT = "kafka.testenv.format";

    private LauncherProperties() {
    }
}
