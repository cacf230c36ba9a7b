package io.github.kafkatestenv.resolver;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;

/**
 * A few lines about a download, and none when nothing is downloaded: which release from where when the first file
 * starts, files and bytes so far every few seconds, and the total at the end. Resolver calls it from its download
 * threads; it starts none of its own.
 */
final class DownloadProgress extends AbstractTransferListener {

    private static final long REPORT_EVERY_NANOS = 5_000_000_000L;

    private final String release;
    private final Path localRepository;
    private final Consumer<String> lines;

    private long startNanos;
    private long lastReportNanos;
    private int files;
    private long bytes;

    DownloadProgress(String release, Path localRepository, Consumer<String> lines) {
        this.release = release;
        this.localRepository = localRepository;
        this.lines = lines;
    }

    @Override
    public synchronized void transferInitiated(TransferEvent event) {
        if (startNanos == 0 && event.getRequestType() == TransferEvent.RequestType.GET) {
            startNanos = System.nanoTime();
            lastReportNanos = startNanos;
            lines.accept("kafka-testenv: downloading the " + release + " from " + event.getResource().getRepositoryId()
                    + " (" + event.getResource().getRepositoryUrl().replaceAll("/$", "") + ") into " + localRepository);
        }
    }

    @Override
    public synchronized void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() != TransferEvent.RequestType.GET) {
            return;
        }
        bytes += event.getTransferredBytes();
        if (!isChecksum(event.getResource().getResourceName())) {
            files++;
        }
        long now = System.nanoTime();
        if (now - lastReportNanos >= REPORT_EVERY_NANOS) {
            lastReportNanos = now;
            lines.accept("kafka-testenv: " + release + ": " + files + " files, " + megabytes(bytes) + " so far");
        }
    }

    /** Reports the total, if anything was downloaded. */
    synchronized void finished() {
        if (startNanos != 0) {
            lines.accept("kafka-testenv: " + release + " downloaded: " + files + " files, " + megabytes(bytes)
                    + String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - startNanos) / 1e9));
        }
    }

    private static boolean isChecksum(String resource) {
        return resource.endsWith(".sha1") || resource.endsWith(".md5") || resource.endsWith(".sha256")
                || resource.endsWith(".sha512") || resource.endsWith(".asc");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
