package io.github.kafkatestenv.examples.mlpipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Runs one worker against the cluster in {@code args[0]} (default {@code localhost:9092}) until Ctrl-C. */
public final class Pipeline {

    private Pipeline() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrapServers = args.length > 0 ? args[0] : "localhost:9092";
        String workerId = args.length > 1 ? args[1] : "worker-1";
        Worker worker = new Worker(bootstrapServers, Topics.DEFAULT, workerId, new SpeciesModel(),
                Duration.ofMinutes(5));
        worker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, workerId + "-shutdown"));
        stopped.await();
    }
}
