package io.github.kafkatestenv.examples.microservices;

import java.util.List;

/**
 * Takes the money for orders: a placed order is {@code CHARGED}, an amended one {@code ADJUSTED} to its new amount,
 * a cancelled one {@code REFUNDED}. Reads the orders topic and writes the payments topic.
 */
public final class PaymentService extends Service {

    public PaymentService(String bootstrapServers, Topics topics) {
        super("payments", bootstrapServers, topics.orders(), topics.payments(), topics.deadLetters());
    }

    @Override
    protected List<String> process(String orderId, OrderEvent event) throws InvalidMessageException {
        String payment = switch (event.type()) {
            case "PLACED" -> "CHARGED";
            case "AMENDED" -> "ADJUSTED";
            case "CANCELLED" -> "REFUNDED";
            default -> throw new InvalidMessageException("no payment for order event type '" + event.type() + "'");
        };
        return List.of(event.next(payment, event.amount()).format());
    }
}
