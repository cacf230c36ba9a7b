package io.github.kafkatestenv.junit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A point in time to wait until, with a pause for polls where nothing signals: 10 ms, doubling to 200 ms, never
 * past the deadline.
 */
public final class Deadline {

    private final long deadlineNanos;
    private long pauseNanos = TimeUnit.MILLISECONDS.toNanos(10);

    private Deadline(Duration timeout) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * A deadline {@code timeout} from now.
     *
     * @throws IllegalArgumentException if the timeout is null or negative
     */
    public static Deadline after(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("A timeout must be zero or positive, not " + timeout);
        }
        return new Deadline(timeout);
    }

    /** The time left, zero once passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Whether the deadline has passed. */
    public boolean passed() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * Waits the next backoff step (at most until the deadline).
     *
     * @throws InterruptedException if the thread is interrupted (its flag is then cleared, as usual)
     */
    public void pause() throws InterruptedException {
        long nanos = Math.min(pauseNanos, Math.max(0, deadlineNanos - System.nanoTime()));
        pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(200));
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting");
            }
        }
    }
}
