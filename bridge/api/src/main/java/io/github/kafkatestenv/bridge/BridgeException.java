package io.github.kafkatestenv.bridge;

/**
 * A failure inside a Kafka runtime, carried across the class-loader boundary without Kafka's exception types:
 * the message names the original exception class, and the stack trace is kept.
 */
public class BridgeException extends RuntimeException {

    private final String kafkaExceptionClass;

    public BridgeException(String message, String kafkaExceptionClass) {
        super(message);
        this.kafkaExceptionClass = kafkaExceptionClass;
    }

    /** Copies {@code failure} and its causes into exceptions that hold no reference to the runtime's classes. */
    public static BridgeException from(String context, Throwable failure) {
        Throwable root = failure;
        while ((root instanceof java.util.concurrent.ExecutionException
                || root instanceof java.util.concurrent.CompletionException
                || root instanceof java.lang.reflect.InvocationTargetException) && root.getCause() != null) {
            root = root.getCause();
        }
        String message = context + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
        BridgeException copy = new BridgeException(message, root.getClass().getName());
        copy.setStackTrace(root.getStackTrace());
        if (root.getCause() != null && root.getCause() != root) {
            Throwable cause = root.getCause();
            BridgeException causeCopy = new BridgeException(
                    cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    cause.getClass().getName());
            causeCopy.setStackTrace(cause.getStackTrace());
            copy.initCause(causeCopy);
        }
        return copy;
    }

    /** The fully qualified name of the Kafka exception this one stands for, e.g. {@code ...TopicExistsException}. */
    public String kafkaExceptionClass() {
        return kafkaExceptionClass;
    }
}
