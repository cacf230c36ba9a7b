package io.github.kafkatestenv.examples.springboot;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks every order on the orders topic, as consumer group {@code spring.kafka.consumer.group-id}: an order of 1 to
 * {@value #MAX_QUANTITY} items is confirmed, anything else rejected with the reason. The outcome goes to the
 * confirmations topic under the order's id, in the same Kafka transaction as the consumed offset (Boot gives the
 * listener container a Kafka transaction manager when the producer has a transaction id prefix), and is kept for
 * {@link #outcome(String)}.
 */
@Component
public class OrderConfirmer {

    static final int MAX_QUANTITY = 100;

    private final KafkaTemplate<String, String> kafka;
    private final String confirmationsTopic;
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    public OrderConfirmer(KafkaTemplate<String, String> kafka,
                          @Value("${orders.confirmations-topic}") String confirmationsTopic) {
        this.kafka = kafka;
        this.confirmationsTopic = confirmationsTopic;
    }

    @KafkaListener(topics = "${orders.topic}")
    public void onOrder(ConsumerRecord<String, String> order) {
        String outcome = check(order.value());
        outcomes.put(order.key(), outcome);
        kafka.send(confirmationsTopic, order.key(), outcome);
    }

    /** What became of an order this instance has seen: {@code confirmed: 2 x book} or {@code rejected: ...}. */
    public Optional<String> outcome(String orderId) {
        return Optional.ofNullable(outcomes.get(orderId));
    }

    private static String check(String value) {
        int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon <= 0) {
            return "rejected: expected item:quantity, got " + value;
        }
        String item = value.substring(0, colon);
        int quantity;
        try {
            quantity = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            return "rejected: the quantity of " + item + " is not a number: " + value.substring(colon + 1);
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return "rejected: the quantity must be 1 to " + MAX_QUANTITY + ", was " + quantity;
        }
        return "confirmed: " + quantity + " x " + item;
    }
}
