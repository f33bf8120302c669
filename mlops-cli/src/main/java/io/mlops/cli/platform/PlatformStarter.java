package io.mlops.cli.platform;

import io.mlops.infra.kafka.KafkaBroker;
import io.mlops.infra.kafka.KafkaBrokerConfig;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the platform's processes and remembers each one (in memory and in its pid file), so
 * that a failed or interrupted {@code up} can stop exactly what it started.
 *
 * <p>An interrupt can arrive while a process is half-way through starting, before its pid is
 * known. {@link #abort} therefore waits for a start in progress to finish, then stops everything,
 * and refuses any start after it.
 */
public final class PlatformStarter {

    /** The embedded PostgreSQL's launcher prints this, then the JDBC URL, once it accepts connections. */
    static final String POSTGRES_READY_MARKER = "READY ";
    static final String POSTGRES_MAIN = "io.mlops.infra.postgres.PostgresMain";

    /** The PostgreSQL launcher JVM only supervises the server processes. */
    private static final String POSTGRES_LAUNCHER_HEAP = "128m";
    private static final Duration POLL = Duration.ofMillis(200);
    /** Longer than the broker launcher's own start timeout, so its pid is known before giving up. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(90);

    /** A PostgreSQL launcher on its way up, and where its output starts in the (appended) log. */
    public record PendingPostgres(Process process, long logOffset) {
    }

    private final LocalPlatformSettings settings;
    private final ProcessLauncher launcher;
    private final PidFiles pidFiles;
    private final Map<String, ProcessHandle> started = new LinkedHashMap<>();
    private boolean aborted;
    private int startsInProgress;

    public PlatformStarter(LocalPlatformSettings settings, ProcessLauncher launcher, PidFiles pidFiles) {
        this.settings = settings;
        this.launcher = launcher;
        this.pidFiles = pidFiles;
    }

    /** Starts the KRaft broker as its own JVM (its own class path; see kafka-server) and waits until it serves. */
    public ProcessHandle startKafka() throws StartupException {
        int port = Endpoint.fromBootstrap(settings.kafkaBootstrap()).port();
        KafkaBrokerConfig config = new KafkaBrokerConfig(settings.kafkaLib(), settings.kafkaDataDir(), port,
                settings.logFile(Components.KAFKA), KafkaBrokerConfig.DEFAULT_MAX_HEAP, false);
        beginStart(Components.KAFKA);
        try {
            KafkaBroker broker = KafkaBroker.start(config);
            ProcessHandle process = ProcessHandle.of(broker.pid())
                    .orElseThrow(() -> new StartupException(Components.KAFKA, "Kafka exited right after starting"));
            remember(Components.KAFKA, process);
            return process;
        } catch (RuntimeException e) {
            throw new StartupException(Components.KAFKA, "Kafka did not start: " + describe(e), e);
        } finally {
            endStart();
        }
    }

    /**
     * Launches the embedded PostgreSQL as a detached JVM on this CLI's own class path (the CLI jar's
     * manifest brings the infra jar and the PostgreSQL binaries); pair with {@link #awaitPostgres}.
     */
    public PendingPostgres launchPostgres() throws StartupException {
        Path log = settings.logFile(Components.POSTGRES);
        List<String> args = List.of(
                "-Xmx" + POSTGRES_LAUNCHER_HEAP,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", ownClassPath(),
                POSTGRES_MAIN,
                "--port", String.valueOf(LocalPlatformSettings.LOCAL_POSTGRES_PORT),
                "--data", settings.postgresDataDir().toString(),
                // The server's own output joins the launcher's, so `mlops logs postgres` shows both.
                "--log", log.toString());
        beginStart(Components.POSTGRES);
        try {
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Files.createDirectories(settings.postgresDataDir());
            Process process = launcher.start(args, Map.of(), log, settings.home());
            remember(Components.POSTGRES, process.toHandle());
            return new PendingPostgres(process, offset);
        } catch (IOException e) {
            throw new StartupException(Components.POSTGRES, "PostgreSQL could not be launched: " + describe(e), e);
        } finally {
            endStart();
        }
    }

    /** Waits for the launcher's ready line and returns the JDBC URL it printed. */
    public String awaitPostgres(PendingPostgres pending, Duration timeout)
            throws StartupException, InterruptedException {
        Path log = settings.logFile(Components.POSTGRES);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> url = readyUrl(log, pending.logOffset());
            if (url.isPresent()) {
                return url.get();
            }
            if (!pending.process().isAlive()) {
                throw new StartupException(Components.POSTGRES,
                        "PostgreSQL exited during start-up (exit code " + pending.process().exitValue() + ")");
            }
            if (System.nanoTime() >= deadline) {
                throw new StartupException(Components.POSTGRES,
                        "PostgreSQL was not ready after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Starts a service: {@code java -Xmx<heap> -jar quarkus-run.jar} with the platform's environment. */
    public Process startService(Component service, LocalPlatformSettings effective, String heap)
            throws StartupException {
        List<String> args = List.of(
                "-Xmx" + heap,
                // A small heap on a laptop: the serial collector has the smallest footprint.
                "-XX:+UseSerialGC",
                // A service out of memory should die visibly (status shows it), not limp on.
                "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.port=" + service.port(),
                "-jar", service.jar().toString());
        beginStart(service.name());
        try {
            Process process = launcher.start(args, effective.serviceEnvironment(),
                    settings.logFile(service.name()), settings.home());
            remember(service.name(), process.toHandle());
            return process;
        } catch (IOException e) {
            throw new StartupException(service.name(), service.name() + " could not be launched: " + describe(e), e);
        } finally {
            endStart();
        }
    }

    /** What has been started so far, in start order. */
    public synchronized Map<String, ProcessHandle> started() {
        return new LinkedHashMap<>(started);
    }

    /**
     * Stops everything started so far and anything that still appears later. Safe to call from
     * a shutdown hook while the starting thread is still running.
     */
    public void abort(PlatformStopper stopper, PlatformStopper.Listener listener) {
        Map<String, ProcessHandle> toStop;
        synchronized (this) {
            aborted = true;
            long deadline = System.nanoTime() + ABORT_WAIT.toNanos();
            while (startsInProgress > 0 && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            toStop = new LinkedHashMap<>(started);
            started.clear();
        }
        stopper.stop(toStop, listener);
    }

    private synchronized void beginStart(String name) throws StartupException {
        if (aborted) {
            throw new StartupException(name, "start-up was interrupted");
        }
        startsInProgress++;
    }

    private synchronized void endStart() {
        startsInProgress--;
        notifyAll();
    }

    private synchronized void remember(String name, ProcessHandle process) throws StartupException {
        started.put(name, process);
        try {
            pidFiles.of(name).write(process);
        } catch (IOException e) {
            throw new StartupException(name, "cannot write pid file " + pidFiles.of(name).path() + ": "
                    + describe(e), e);
        }
    }

    /**
     * This JVM's class path with absolute entries: under {@code java -jar} it is just the CLI jar,
     * whose manifest brings the rest, and the child runs in another directory.
     */
    static String ownClassPath() {
        String separator = java.io.File.pathSeparator;
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(separator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(separator, entries);
    }

    static Optional<String> readyUrl(Path log, long offset) {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
            if (raf.length() <= offset) {
                return Optional.empty();
            }
            raf.seek(offset);
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, raf.length() - offset)];
            raf.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith(POSTGRES_READY_MARKER)) {
                    return Optional.of(trimmed.substring(POSTGRES_READY_MARKER.length()).strip());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String describe(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 3; t = t.getCause()) {
            messages.add(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return String.join(": ", messages);
    }
}
