package io.github.kafkatestenv.examples.microservices;

/**
 * The topics the services talk through.
 *
 * @param requests      what customers send: order events, keyed by order id, not yet checked
 * @param orders        accepted order events
 * @param payments      payment events
 * @param notifications messages to customers
 * @param deadLetters   records no service could process, with the reason in a header
 */
public record Topics(String requests, String orders, String payments, String notifications, String deadLetters) {

    /** The names the shop uses in production. */
    public static final Topics DEFAULT = new Topics("order-requests", "orders", "payments", "notifications",
            "dead-letters");
}
