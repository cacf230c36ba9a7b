package io.github.kafkatestenv.bridge.common;

import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * The system clock, which can run fast for a node's last moments. When a whole KRaft cluster stops, the last
 * voters have no successor to hand leadership to, and Kafka's raft client waits a fixed 5 s for one before it
 * gives up. Running this node's clock 25 times faster once the cluster is stopping turns that wait into 0.2 s;
 * it is never done while the cluster serves clients.
 */
final class StoppableClock implements Time {

    private static final long SPEED_UP = 25;

    private volatile boolean fast;
    private volatile long realBaseMs;
    private volatile long fastBaseMs;

    /** From now on, this node's millisecond clock runs {@value #SPEED_UP} times faster (it stays monotonic). */
    synchronized void runFast() {
        if (!fast) {
            realBaseMs = System.currentTimeMillis();
            fastBaseMs = realBaseMs;
            fast = true;
        }
    }

    @Override
    public long milliseconds() {
        long now = System.currentTimeMillis();
        return fast ? fastBaseMs + (now - realBaseMs) * SPEED_UP : now;
    }

    @Override
    public long nanoseconds() {
        return System.nanoTime();
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object lock, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        Time.SYSTEM.waitObject(lock, condition, deadlineMs);
    }
}
