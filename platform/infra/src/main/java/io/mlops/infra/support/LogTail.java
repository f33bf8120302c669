package io.mlops.infra.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages that explain why a server did not start. */
public final class LogTail {

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /** Up to {@code lines} last lines of {@code file}, or a note saying why there are none. */
    public static String of(Path file, int lines) {
        if (file == null || !Files.isRegularFile(file)) {
            return "(no log file at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return String.join(System.lineSeparator(), last);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
