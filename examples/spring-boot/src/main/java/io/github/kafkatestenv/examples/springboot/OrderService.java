package io.github.kafkatestenv.examples.springboot;

import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/** Places orders: publishes each to the orders topic, keyed by its id. */
@Service
public class OrderService {

    private final KafkaTemplate<String, String> kafka;
    private final String ordersTopic;

    public OrderService(KafkaTemplate<String, String> kafka, @Value("${orders.topic}") String ordersTopic) {
        this.kafka = kafka;
        this.ordersTopic = ordersTopic;
    }

    /** Publishes the order; the future completes when the broker has acknowledged it. */
    public CompletableFuture<SendResult<String, String>> place(Order order) {
        return kafka.send(ordersTopic, order.id(), order.value());
    }
}
