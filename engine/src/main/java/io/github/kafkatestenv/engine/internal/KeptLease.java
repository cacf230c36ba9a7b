package io.github.kafkatestenv.engine.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lease of a kept cluster: an exclusive lock on its lease file, held by the JVM that uses the cluster. The
 * operating system releases it when that JVM ends, however it ends, so a killed run never keeps a cluster from the
 * next one. The cluster's host takes the same lock for a moment to tell whether anyone holds it.
 *
 * <p>File locks belong to a whole process, and closing any channel of a file may release every lock the process
 * holds on it: so a JVM opens a lease file only while it holds no lease of it ({@link #HELD}).
 */
final class KeptLease implements AutoCloseable {

    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final String id;
    private final FileChannel channel;
    private final FileLock lock;

    private KeptLease(String id, FileChannel channel, FileLock lock) {
        this.id = id;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lease of cluster {@code id}, or {@code null} if another JVM, or this one, holds it. */
    static KeptLease tryTake(String id) throws IOException {
        if (!HELD.add(id)) {
            return null;
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(KeptRegistry.directory());
            channel = FileChannel.open(KeptRegistry.leaseFile(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new KeptLease(id, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held in this JVM after all
        } catch (IOException | RuntimeException e) {
            HELD.remove(id);
            closeQuietly(channel);
            throw e;
        }
        HELD.remove(id);
        closeQuietly(channel);
        return null;
    }

    /** Whether this JVM holds the lease of cluster {@code id}. */
    static boolean heldHere(String id) {
        return HELD.contains(id);
    }

    String id() {
        return id;
    }

    /** Lets go of the lease; the cluster stays. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            HELD.remove(id);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }
}
