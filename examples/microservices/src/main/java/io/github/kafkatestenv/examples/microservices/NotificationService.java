package io.github.kafkatestenv.examples.microservices;

import java.util.List;

/**
 * Tells customers what happened to their money, one message per payment event, for example
 * {@code step 1: order o-7 paid, 25.00 charged}. Reads the payments topic and writes the notifications topic.
 */
public final class NotificationService extends Service {

    public NotificationService(String bootstrapServers, Topics topics) {
        super("notifications", bootstrapServers, topics.payments(), topics.notifications(), topics.deadLetters());
    }

    @Override
    protected List<String> process(String orderId, OrderEvent event) throws InvalidMessageException {
        String what = switch (event.type()) {
            case "CHARGED" -> "paid, " + event.amount() + " charged";
            case "ADJUSTED" -> "amended, now " + event.amount();
            case "REFUNDED" -> "cancelled, " + event.amount() + " refunded";
            default -> throw new InvalidMessageException("no notification for payment type '" + event.type() + "'");
        };
        return List.of("step " + event.seq() + ": order " + orderId + " " + what);
    }
}
