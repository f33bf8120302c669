package io.mlops.cli.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pid file: how {@code status} and {@code down} find processes that an earlier {@code up}
 * started and left running.
 *
 * <p>Besides the pid it records the process start time. Pids are reused; a pid file left behind
 * by a crash could otherwise make an unrelated process look like part of the platform (or,
 * worse, get it killed by {@code down}).
 */
public final class PidFile {

    /** Start times are derived from clock ticks and boot time; allow for rounding between readers. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private final Path path;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** Records the process; written to a temporary file first so a reader never sees half a file. */
    public void write(ProcessHandle process) throws IOException {
        StringBuilder content = new StringBuilder().append(process.pid()).append('\n');
        process.info().startInstant().ifPresent(start -> content.append(start.toEpochMilli()).append('\n'));
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded pid; empty if there is no file or it does not hold a number. */
    public Optional<Long> pid() {
        return lines().flatMap(lines -> parseLong(lines, 0));
    }

    /**
     * The process this file points at, if it is still running and is the same process that was
     * recorded (its start time matches, when one was recorded).
     */
    public Optional<ProcessHandle> liveProcess() {
        Optional<List<String>> lines = lines();
        Optional<Long> pid = lines.flatMap(l -> parseLong(l, 0));
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        Optional<Long> recordedStart = lines.flatMap(l -> parseLong(l, 1));
        if (handle.isEmpty() || recordedStart.isEmpty()) {
            return handle;
        }
        Optional<Instant> actualStart = handle.get().info().startInstant();
        if (actualStart.isEmpty()) {
            return handle;
        }
        long drift = Math.abs(actualStart.get().toEpochMilli() - recordedStart.get());
        return drift <= START_TOLERANCE.toMillis() ? handle : Optional.empty();
    }

    /** A file is stale when it exists but its process has gone. */
    public boolean isStale() {
        return exists() && liveProcess().isEmpty();
    }

    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private Optional<List<String>> lines() {
        try {
            return Optional.of(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(List<String> lines, int index) {
        if (lines.size() <= index) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(index).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
