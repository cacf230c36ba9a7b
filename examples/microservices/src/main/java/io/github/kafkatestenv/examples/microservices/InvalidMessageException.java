package io.github.kafkatestenv.examples.microservices;

/** A record that no retry can fix: it goes to the dead-letter topic with this message as the reason. */
public final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String reason) {
        super(reason);
    }
}
