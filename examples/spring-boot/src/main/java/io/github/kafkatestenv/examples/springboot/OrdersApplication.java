package io.github.kafkatestenv.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Takes orders and confirms them through Kafka: {@link OrderService} publishes orders to the orders topic in Kafka
 * transactions with a {@code KafkaTemplate}; {@link OrderConfirmer}, a {@code @KafkaListener}, checks each one and
 * publishes a confirmation; {@link ItemTotals}, a Kafka Streams topology, keeps the confirmed total of each item.
 * Boot's auto-configuration makes the template, the listener container, the transaction manager, the streams and
 * their clients from {@code spring.kafka.*} (see {@code application.properties}).
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
