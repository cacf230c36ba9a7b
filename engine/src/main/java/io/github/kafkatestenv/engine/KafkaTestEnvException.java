package io.github.kafkatestenv.engine;

/**
 * A failure of a cluster: one that did not start, an operation Kafka refused or did not finish in time. The message
 * says what was wrong, the value, and what to do. A definition that cannot work throws an
 * {@link InvalidSettingException} instead, and a call the cluster's state does not allow an
 * {@link IllegalStateException}.
 */
public class KafkaTestEnvException extends RuntimeException {

    public KafkaTestEnvException(String message) {
        super(message);
    }

    public KafkaTestEnvException(String message, Throwable cause) {
        super(message, cause);
    }
}
