package io.github.kafkatestenv.junit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What uses a cluster and must close before it, such as the Spring application contexts built for it: a context
 * closed after its cluster would spend its shutdown retrying connections (listener containers, transactional
 * producers, Kafka Streams). Closed newest first; a failure is kept and rethrown after the others closed.
 */
final class Dependents {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Closes {@code dependent} before the cluster; adding the same one twice has no effect. */
    synchronized void add(AutoCloseable dependent) {
        if (open.stream().noneMatch(known -> known == dependent)) {
            open.add(dependent);
        }
    }

    /** Forgets {@code dependent}, which closed on its own. */
    synchronized void remove(AutoCloseable dependent) {
        open.removeIf(known -> known == dependent);
    }

    /**
     * Closes every dependent still open, newest first, then runs {@code closeCluster}, also when a dependent failed
     * to close; then throws the first failure.
     */
    void closeAllBefore(Runnable closeCluster) {
        try {
            closeAll();
        } finally {
            closeCluster.run();
        }
    }

    /** Closes every dependent still open, newest first, and throws the first failure after trying them all. */
    private void closeAll() {
        List<AutoCloseable> closing;
        synchronized (this) {
            closing = new ArrayList<>(open);
            open.clear();
        }
        Collections.reverse(closing);
        RuntimeException failure = null;
        for (AutoCloseable dependent : closing) {
            try {
                dependent.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not close " + dependent + " before its cluster", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
