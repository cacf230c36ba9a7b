package io.github.kafkatestenv.examples.springboot;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Places orders: publishes each to the orders topic, keyed by its id, in a Kafka transaction, so that a batch is
 * published whole or not at all.
 */
@Service
public class OrderService {

    private final KafkaTemplate<String, String> kafka;
    private final String ordersTopic;

    public OrderService(KafkaTemplate<String, String> kafka, @Value("${orders.topic}") String ordersTopic) {
        this.kafka = kafka;
        this.ordersTopic = ordersTopic;
    }

    /** Publishes the order; returns once the transaction that holds it has committed. */
    public void place(Order order) {
        placeAll(List.of(order));
    }

    /**
     * Publishes the orders in one transaction: when one of them has no item, none is published (readers that read
     * committed records only, as the confirmer does, never see the others).
     *
     * @throws IllegalArgumentException naming the order without an item; the transaction is aborted
     */
    public void placeAll(List<Order> orders) {
        kafka.executeInTransaction(operations -> {
            for (Order order : orders) {
                if (order.item() == null || order.item().isBlank()) {
                    throw new IllegalArgumentException("Order " + order.id() + " has no item");
                }
                operations.send(ordersTopic, order.id(), order.value());
            }
            return null;
        });
    }
}
