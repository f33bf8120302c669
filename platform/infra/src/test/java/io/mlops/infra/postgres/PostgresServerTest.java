package io.mlops.infra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.InfraStartException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void dataSurvivesARestartOnTheSameDataDir() throws Exception {
        PostgresConfig config = new PostgresConfig(tmp.resolve("pg"), 0, tmp.resolve("pg.log"), false);
        long started = System.nanoTime();
        try (PostgresServer server = PostgresServer.start(config)) {
            report("first start (initdb + start + create database)", started);
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/mlops", server.jdbcUrl());
            assertEquals("postgres", server.user());
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int PRIMARY KEY, name text)");
                s.execute("INSERT INTO kept VALUES (1, 'survives')");
                assertEquals("mlops", single(s, "SELECT current_database()"));
                assertEquals("on", single(s, "SHOW fsync"));
            }
        }

        started = System.nanoTime();
        try (PostgresServer again = PostgresServer.start(config)) {
            report("restart on the same data dir", started);
            try (Connection c = connect(again); Statement s = c.createStatement()) {
                assertEquals("survives", single(s, "SELECT name FROM kept WHERE id = 1"));
                assertEquals("1", single(s, "SELECT count(*) FROM pg_database WHERE datname = 'mlops'"));
            }
        }
    }

    @Test
    void aTemporaryServerIsDeletedOnClose() throws Exception {
        Path dataDir;
        try (PostgresServer server = PostgresServer.start(new PostgresConfig(null, 0, null, false))) {
            dataDir = server.dataDir();
            assertTrue(Files.exists(dataDir.resolve("postgresql.conf")));
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                assertEquals("off", single(s, "SHOW fsync"));
            }
        }
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void aStalePidFileNamingAnUnrelatedLiveProcessDoesNotBlockTheStart() throws Exception {
        PostgresConfig config = new PostgresConfig(tmp.resolve("pg"), 0, tmp.resolve("pg.log"), false);
        PostgresServer.start(config).close();
        // Postgres refuses to start while the pid in postmaster.pid belongs to a live process.
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(config.dataDir().resolve("postmaster.pid"), unrelated.pid() + "\n" + config.dataDir() + "\n",
                    StandardCharsets.US_ASCII);
            try (PostgresServer server = PostgresServer.start(config); Connection c = connect(server)) {
                assertTrue(c.isValid(2));
            }
            assertTrue(unrelated.isAlive(), "the unrelated process is left alone");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aDirectoryThatIsNeitherEmptyNorAClusterIsRejected() throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("pg"));
        Files.writeString(dataDir.resolve("notes.txt"), "mine");

        InfraStartException e = assertThrows(InfraStartException.class,
                () -> PostgresServer.start(new PostgresConfig(dataDir, 0, null, false)));

        assertTrue(e.getMessage().contains("neither empty"), e.getMessage());
    }

    @Test
    void anInitdbThatDidNotFinishIsReportedInsteadOfFailingInPgCtl() throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("pg"));
        Files.writeString(dataDir.resolve("PG_VERSION"), "16\n");
        Files.writeString(dataDir.resolve("postgresql.conf"), "# written before initdb was killed\n");

        InfraStartException e = assertThrows(InfraStartException.class,
                () -> PostgresServer.start(new PostgresConfig(dataDir, 0, null, false)));

        assertTrue(e.getMessage().contains("did not finish") && e.getMessage().contains("delete it"), e.getMessage());
    }

    @Test
    void aBusyPortIsReportedInsteadOfTakingTheServerThereForTheNewOne() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InfraStartException e = assertThrows(InfraStartException.class,
                    () -> PostgresServer.start(new PostgresConfig(tmp.resolve("pg"), busy.getLocalPort(), null, false)));
            assertTrue(e.getMessage().contains("Port " + busy.getLocalPort() + " is already in use"), e.getMessage());
        }
    }

    @Test
    void configKeepsTheLogOutOfTheDataDir() {
        Path dir = tmp.resolve("pg");
        assertThrows(IllegalArgumentException.class, () -> new PostgresConfig(dir, 0, dir.resolve("pg.log"), false));
        assertThrows(IllegalArgumentException.class, () -> new PostgresConfig(dir, 70_000, null, false));
    }

    static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    static void report(String what, long startNanos) {
        System.out.printf("%s: %d ms%n", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }
}
