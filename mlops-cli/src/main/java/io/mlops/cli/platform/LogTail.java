package io.mlops.cli.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the end of a log file, and follows it as it grows. Reads backwards from the end, so
 * the cost does not depend on how large a long-lived log has become.
 */
public final class LogTail {

    private static final int CHUNK = 8192;

    private LogTail() {
    }

    /** The last {@code n} lines of the file (fewer if it is shorter), without line terminators. */
    public static List<String> lastLines(Path file, int n) throws IOException {
        if (n <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            return lastLines(raf, raf.length(), n);
        }
    }

    /** The last {@code n} lines of the first {@code end} bytes, so a follow can start exactly at {@code end}. */
    public static List<String> lastLines(Path file, long end, int n) throws IOException {
        if (n <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            return lastLines(raf, Math.min(end, raf.length()), n);
        }
    }

    /**
     * Prints lines appended to the file from {@code position} on, until {@code keepGoing} turns
     * false. Only whole lines are passed on. A file that shrinks (rotated or truncated) is read
     * again from its start.
     */
    public static void follow(Path file, long position, Consumer<String> sink, BooleanSupplier keepGoing,
            Duration pollInterval) throws IOException, InterruptedException {
        long offset = position;
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        while (keepGoing.getAsBoolean()) {
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size < offset) {
                offset = 0;
                partial.reset();
            }
            if (size > offset) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    raf.seek(offset);
                    int read;
                    while ((read = raf.read(buffer)) > 0) {
                        offset += read;
                        emitLines(buffer, read, partial, sink);
                    }
                }
                continue;
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private static List<String> lastLines(RandomAccessFile raf, long end, int n) throws IOException {
        // A final newline terminates the last line; it does not start an empty one.
        long limit = end;
        if (limit > 0) {
            raf.seek(limit - 1);
            if (raf.read() == '\n') {
                limit--;
            }
        }
        long start = limit;
        int newlines = 0;
        byte[] chunk = new byte[CHUNK];
        scan:
        while (start > 0) {
            int len = (int) Math.min(CHUNK, start);
            raf.seek(start - len);
            raf.readFully(chunk, 0, len);
            for (int i = len - 1; i >= 0; i--) {
                if (chunk[i] == '\n' && ++newlines == n) {
                    start = start - len + i + 1;
                    break scan;
                }
            }
            start -= len;
        }
        if (limit == start) {
            // Nothing after the last newline found: the file is empty, or its last line is.
            return end > 0 ? List.of("") : List.of();
        }
        byte[] tail = new byte[(int) (limit - start)];
        raf.seek(start);
        raf.readFully(tail);
        List<String> lines = new ArrayList<>(Arrays.asList(new String(tail, StandardCharsets.UTF_8).split("\n", -1)));
        lines.replaceAll(LogTail::stripCarriageReturn);
        return Collections.unmodifiableList(lines);
    }

    private static void emitLines(byte[] buffer, int length, ByteArrayOutputStream partial, Consumer<String> sink) {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                partial.write(buffer, lineStart, i - lineStart);
                sink.accept(stripCarriageReturn(partial.toString(StandardCharsets.UTF_8)));
                partial.reset();
                lineStart = i + 1;
            }
        }
        partial.write(buffer, lineStart, length - lineStart);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
