package io.github.kafkatestenv.examples.mlpipeline;

/**
 * The topics of the pipeline.
 *
 * @param requests what the front queues: measurements keyed by request id
 * @param results  what the workers answer: one prediction (or error) per request, keyed by request id
 */
public record Topics(String requests, String results) {

    /** The names the pipeline uses in production. */
    public static final Topics DEFAULT = new Topics("species-requests", "species-results");
}
