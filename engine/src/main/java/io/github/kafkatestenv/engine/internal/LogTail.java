package io.github.kafkatestenv.engine.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The last lines of a log file, for error messages. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path file, int lines) {
        if (file == null || !Files.isRegularFile(file)) {
            return "(no log was written)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int chunk = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[chunk];
            in.seek(length - chunk);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] all = text.split("\n");
            int from = Math.max(chunk < length ? 1 : 0, all.length - lines);
            StringBuilder tail = new StringBuilder();
            for (int i = from; i < all.length; i++) {
                tail.append("  ").append(all[i]).append('\n');
            }
            return tail.toString();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
