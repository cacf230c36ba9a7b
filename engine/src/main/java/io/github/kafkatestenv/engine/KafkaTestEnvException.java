package io.github.kafkatestenv.engine;

/**
 * Any failure of kafka-testenv: a definition that cannot work, a cluster that did not start, an operation the
 * cluster refused. The message says what was wrong, the value, and what to do.
 */
public class KafkaTestEnvException extends RuntimeException {

    public KafkaTestEnvException(String message) {
        super(message);
    }

    public KafkaTestEnvException(String message, Throwable cause) {
        super(message, cause);
    }
}
