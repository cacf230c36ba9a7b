package io.github.kafkatestenv.examples.microservices;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The three services together: orders, payments and notifications, each in its own consumer group, talking only
 * through {@link Topics}. In production each would run in a process of its own; {@code main} runs all three.
 */
public final class Shop implements AutoCloseable {

    private final List<Service> services;

    private Shop(List<Service> services) {
        this.services = services;
    }

    /** Starts the three services against {@code bootstrapServers}. */
    public static Shop start(String bootstrapServers, Topics topics) {
        Shop shop = new Shop(List.of(new OrderService(bootstrapServers, topics),
                new PaymentService(bootstrapServers, topics), new NotificationService(bootstrapServers, topics)));
        shop.services.forEach(Service::start);
        return shop;
    }

    /** The first failure of a service that stopped on its own, or {@code null} if all run (or closed cleanly). */
    public Exception failure() {
        return services.stream().map(Service::failure).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Stops every service after its current batch. */
    @Override
    public void close() {
        services.forEach(Service::close);
    }

    /** Runs the shop against the cluster in {@code args[0]} (default {@code localhost:9092}) until Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        Shop shop = start(args.length > 0 ? args[0] : "localhost:9092", Topics.DEFAULT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shop.close();
            stopped.countDown();
        }, "shop-shutdown"));
        stopped.await();
    }
}
