package io.github.kafkatestenv.examples.microservices;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The shop's front door: checks what customers send to the requests topic ({@code PLACED}, {@code AMENDED},
 * {@code CANCELLED}, with an amount up to {@value #MAX_AMOUNT}) and publishes the accepted events to the orders
 * topic. Anything else is dead-lettered.
 */
public final class OrderService extends Service {

    /** The largest amount an order may have. */
    public static final String MAX_AMOUNT = "10000.00";

    private static final Set<String> TYPES = Set.of("PLACED", "AMENDED", "CANCELLED");

    public OrderService(String bootstrapServers, Topics topics) {
        super("orders", bootstrapServers, topics.requests(), topics.orders(), topics.deadLetters());
    }

    @Override
    protected List<String> process(String orderId, OrderEvent event) throws InvalidMessageException {
        if (!TYPES.contains(event.type())) {
            throw new InvalidMessageException("unknown order event type '" + event.type() + "', expected one of "
                    + TYPES);
        }
        if (event.amount().compareTo(new BigDecimal(MAX_AMOUNT)) > 0) {
            throw new InvalidMessageException("amount " + event.amount() + " of order " + orderId + " is above "
                    + MAX_AMOUNT);
        }
        return List.of(event.format());
    }
}
