package io.mlops.cli.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a PostgreSQL server still running on the platform's data directory after its launcher
 * JVM has gone. The server runs detached from that JVM, so a launcher stopped half-way through
 * starting it, or killed outright, can leave it behind, holding the port and the data.
 *
 * <p>PostgreSQL records its pid in {@code postmaster.pid}; the process is only trusted to be that
 * server when its executable is {@code postgres}, since the pid may have been reused.
 */
public final class OrphanPostmaster {

    static final String PID_FILE = "postmaster.pid";
    private static final String EXECUTABLE = "postgres";

    private OrphanPostmaster() {
    }

    /** The server running on {@code dataDir}, if any. */
    public static Optional<ProcessHandle> find(Path dataDir) {
        Path file = dataDir.resolve(PID_FILE);
        List<String> lines;
        try {
            lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.US_ASCII) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(OrphanPostmaster::isPostgres);
    }

    static boolean isPostgres(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString().equals(EXECUTABLE))
                .orElse(false);
    }
}
