package io.github.kafkatestenv.engine;

import java.util.Locale;

/**
 * How clients connect to the cluster's listener: Kafka's four security protocols. With SASL, clients log in as a
 * declared {@link User} with PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; with TLS, the cluster generates its own
 * certificate authority at start and hands out a truststore (and, for mutual TLS, a keystore per user).
 */
public enum SecurityProtocol {

    /** No encryption, no authentication: the default. */
    PLAINTEXT,

    /** SASL authentication (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) without encryption. */
    SASL_PLAINTEXT,

    /** TLS; with mutual TLS, clients authenticate by certificate as {@code User:<name>}. */
    SSL,

    /** SASL authentication over TLS. */
    SASL_SSL;

    /** Whether clients log in with a SASL mechanism. */
    public boolean usesSasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    /** Whether the listener speaks TLS. */
    public boolean usesTls() {
        return this == SSL || this == SASL_SSL;
    }

    /**
     * The protocol named by {@code text}, ignoring case and accepting {@code -} for {@code _}.
     *
     * @throws InvalidSettingException for any other text, naming the four protocols
     */
    public static SecurityProtocol parse(String text) {
        String normalised = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SecurityProtocol protocol : values()) {
            if (protocol.name().equals(normalised)) {
                return protocol;
            }
        }
        throw new InvalidSettingException("Unknown security protocol '" + text
                + "': use PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL", Setting.SECURITY_PROTOCOL);
    }
}
