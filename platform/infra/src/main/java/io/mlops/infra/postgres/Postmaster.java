package io.mlops.infra.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The PostgreSQL server process of a data directory, found through its {@code postmaster.pid}. */
final class Postmaster {

    static final String PID_FILE = "postmaster.pid";

    private Postmaster() {
    }

    /** The pid written on the first line of {@code dataDir/postmaster.pid}, if the file exists. */
    static Optional<Long> pidOf(Path dataDir) {
        Path file = dataDir.resolve(PID_FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
            return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A live process that is a PostgreSQL server, which the pid in a stale file may or may not be. */
    static Optional<ProcessHandle> livePostgres(long pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("postgres.exe")).orElse(false));
    }

    /**
     * Asks the server for a fast shutdown (SIGINT: roll back open transactions, disconnect clients,
     * checkpoint) and waits for it; kills it if it does not stop within {@code grace}.
     */
    static void stop(ProcessHandle postmaster, Duration grace) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
            postmaster.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            postmaster.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
