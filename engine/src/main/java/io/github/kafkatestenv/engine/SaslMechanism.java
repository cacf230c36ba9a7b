package io.github.kafkatestenv.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SASL mechanisms a secured cluster's listener accepts: every declared {@link User} may log in with any of them.
 * {@link ClusterDefinition.Builder#saslMechanism} picks the one in the client properties the cluster hands out.
 */
public enum SaslMechanism {

    /** A user name and password, sent as they are: simple for other tools to set up. The default. */
    PLAIN("PLAIN"),

    /** Salted challenge-response with SHA-256: the password never crosses the wire. */
    SCRAM_SHA_256("SCRAM-SHA-256"),

    /** Salted challenge-response with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String mechanismName;

    SaslMechanism(String mechanismName) {
        this.mechanismName = mechanismName;
    }

    /** The name Kafka gives it, as in {@code sasl.mechanism}: {@code PLAIN}, {@code SCRAM-SHA-256}, ... */
    public String mechanismName() {
        return mechanismName;
    }

    /**
     * The mechanism named by {@code text}, Kafka's name or the constant's, ignoring case ({@code scram-sha-256},
     * {@code SCRAM_SHA_256}).
     *
     * @throws InvalidSettingException for any other text, naming the three
     */
    public static SaslMechanism parse(String text) {
        String normalised = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        for (SaslMechanism mechanism : values()) {
            if (mechanism.mechanismName.equals(normalised)) {
                return mechanism;
            }
        }
        throw new InvalidSettingException("Unknown SASL mechanism '" + text + "': use "
                + Arrays.stream(values()).map(SaslMechanism::mechanismName).collect(Collectors.joining(", ")),
                Setting.SASL_MECHANISM);
    }

    /** {@link #mechanismName()}. */
    @Override
    public String toString() {
        return mechanismName;
    }
}
