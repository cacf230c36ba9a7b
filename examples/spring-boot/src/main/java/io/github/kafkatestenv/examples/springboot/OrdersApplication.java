package io.github.kafkatestenv.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Takes orders and confirms them through Kafka: {@link OrderService} publishes each order to the orders topic with a
 * {@code KafkaTemplate}, and {@link OrderConfirmer}, a {@code @KafkaListener}, checks it and publishes a confirmation.
 * Boot's auto-configuration makes the template, the listener container and their clients from
 * {@code spring.kafka.*} (see {@code application.properties}).
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
