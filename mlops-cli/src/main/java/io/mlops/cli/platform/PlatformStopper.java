package io.mlops.cli.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stops platform processes in dependency order: the services first (together, since they do not
 * depend on one another), so they can still flush to Kafka and PostgreSQL while shutting down;
 * then Kafka; then PostgreSQL, and finally a PostgreSQL server its launcher left behind.
 */
public final class PlatformStopper {

    /** Told about each process once it is gone. */
    public interface Listener {
        void stopped(String name, long pid, ProcessStopper.Outcome outcome);
    }

    /** The name reported for a server found running without its launcher. */
    public static final String ORPHAN_POSTGRES = "postgres server";

    private final PidFiles pidFiles;
    private final Duration grace;
    private final Path postgresDataDir;

    /**
     * @param postgresDataDir the embedded server's data directory, checked for a server left
     *                        behind; {@code null} when the database is not the CLI's own
     */
    public PlatformStopper(PidFiles pidFiles, Duration grace, Path postgresDataDir) {
        this.pidFiles = pidFiles;
        this.grace = grace;
        this.postgresDataDir = postgresDataDir;
    }

    /** For the platform described by {@code settings}. */
    public static PlatformStopper of(LocalPlatformSettings settings, Duration grace) {
        return new PlatformStopper(new PidFiles(settings), grace,
                settings.externalDb() ? null : settings.postgresDataDir());
    }

    /** Component names in the order {@link #stop} stops them: services, then Kafka, then PostgreSQL. */
    public static List<String> stopOrder(Collection<String> names) {
        List<String> ordered = new ArrayList<>();
        names.stream().filter(n -> !n.equals(Components.KAFKA) && !n.equals(Components.POSTGRES))
                .forEach(ordered::add);
        names.stream().filter(Components.KAFKA::equals).forEach(ordered::add);
        names.stream().filter(Components.POSTGRES::equals).forEach(ordered::add);
        return ordered;
    }

    /** A PostgreSQL server running on the data directory without its launcher, if any. */
    public Optional<ProcessHandle> orphanPostgres() {
        return postgresDataDir == null ? Optional.empty() : OrphanPostmaster.find(postgresDataDir);
    }

    /** Stops the given processes (by component name) and removes their pid files. */
    public void stop(Map<String, ProcessHandle> processes, Listener listener) {
        Map<String, ProcessHandle> services = new LinkedHashMap<>(processes);
        ProcessHandle kafka = services.remove(Components.KAFKA);
        ProcessHandle postgres = services.remove(Components.POSTGRES);

        Map<String, Boolean> wasRunning = new LinkedHashMap<>();
        services.forEach((name, process) -> wasRunning.put(name, ProcessStopper.requestStop(process)));
        long deadline = System.nanoTime() + grace.toNanos();
        services.forEach((name, process) -> {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            ProcessStopper.Outcome outcome = wasRunning.get(name)
                    ? ProcessStopper.awaitOrKill(process, left)
                    : ProcessStopper.Outcome.NOT_RUNNING;
            finish(name, process, outcome, listener);
        });
        if (kafka != null) {
            finish(Components.KAFKA, kafka, ProcessStopper.stop(kafka, grace), listener);
        }
        if (postgres != null) {
            finish(Components.POSTGRES, postgres, ProcessStopper.stop(postgres, grace), listener);
        }
        orphanPostgres().ifPresent(server ->
                listener.stopped(ORPHAN_POSTGRES, server.pid(), ProcessStopper.stop(server, grace)));
    }

    private void finish(String name, ProcessHandle process, ProcessStopper.Outcome outcome, Listener listener) {
        PidFile file = pidFiles.of(name);
        if (file.pid().filter(pid -> pid == process.pid()).isPresent()) {
            try {
                file.delete();
            } catch (IOException e) {
                // Harmless: a pid file of a dead process is recognised as stale and ignored.
            }
        }
        listener.stopped(name, process.pid(), outcome);
    }
}
