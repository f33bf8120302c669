package io.mlops.infra.postgres;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a PostgreSQL server in the foreground, for a launcher that keeps it as a separate process:
 * {@code PostgresMain --port 15432 --data <dir> [--log <file>]}.
 *
 * <p>Prints exactly one line {@code READY <jdbc url>} to standard output once the server accepts
 * connections and the {@value PostgresServer#DATABASE} database exists, then runs until SIGTERM or
 * SIGINT, when a shutdown hook stops the server (fast shutdown) and the JVM exits with the usual
 * 143 (or 130) for a signal. If this JVM is killed with
 * SIGKILL a watchdog stops the server; a server orphaned anyway is stopped by the next start on
 * the same data directory. On failure it prints the reason to standard error and exits with 1.
 * The server's own output goes to {@code --log}, by default {@code <data>.log} next to the data
 * directory. Give the JVM at least {@code -Xmx128m}: the first start on a machine unpacks the
 * PostgreSQL binaries in memory.
 */
public final class PostgresMain {

    static final String READY = "READY";

    private PostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: PostgresMain --port <port> --data <dir> [--log <file>]");
            System.exit(2);
            return;
        }
        PostgresServer server;
        try {
            server = PostgresServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-main-shutdown"));
        PrintStream out = System.out;
        out.println(READY + " " + server.jdbcUrl());
        out.flush();
        new CountDownLatch(1).await();
    }

    static PostgresConfig parse(String[] args) {
        Integer port = null;
        Path data = null;
        Path log = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = parsePort(value);
                case "--data" -> data = Path.of(value);
                case "--log" -> log = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (port == null || data == null) {
            throw new IllegalArgumentException("--port and --data are required");
        }
        Path absoluteData = data.toAbsolutePath().normalize();
        if (log == null) {
            log = absoluteData.resolveSibling(absoluteData.getFileName() + ".log");
        }
        return new PostgresConfig(absoluteData, port, log, true);
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, was " + value);
        }
    }
}
