package io.mlops.infra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.support.FreePorts;
import io.mlops.infra.support.JavaCommand;
import io.mlops.infra.support.ProcessStopper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgresMain as the local platform runs it: a separate JVM in a session of its own, stopped by signals. */
class PostgresMainTest {

    @TempDir
    Path tmp;

    @Test
    void printsReadyAndStopsTheServerOnSigterm() throws Exception {
        Path data = tmp.resolve("pg");
        int port = FreePorts.pick(1)[0];
        Process main = launch(data, port);
        try {
            String ready = readyLine(main);
            assertEquals(PostgresMain.READY + " jdbc:postgresql://127.0.0.1:" + port + "/mlops", ready);
            long postmaster = Postmaster.pidOf(data).orElseThrow();

            main.destroy();
            assertTrue(main.waitFor(30, TimeUnit.SECONDS));
            ProcessHandle.of(postmaster).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertTrue(Postmaster.pidOf(data).isEmpty(), "clean shutdown removes postmaster.pid");
        } finally {
            ProcessStopper.stop(main, Duration.ZERO);
        }
    }

    @Test
    void theServerStopsWhenItsJvmsWholeProcessGroupIsKilled() throws Exception {
        Path data = tmp.resolve("pg");
        Process main = launch(data, FreePorts.pick(1)[0]);
        readyLine(main);
        ProcessHandle postmaster = ProcessHandle.of(Postmaster.pidOf(data).orElseThrow()).orElseThrow();

        // launched as a session leader, so its process group id is its pid
        Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + main.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor());
        main.waitFor();

        assertTrue(postmaster.onExit().completeOnTimeout(null, 15, TimeUnit.SECONDS).get() != null, "watchdog stopped it");
    }

    @Test
    void anOrphanedServerIsStoppedAndTheDataKept() throws Exception {
        Path data = tmp.resolve("pg");
        int port = FreePorts.pick(1)[0];
        Process main = launch(data, port);
        String url = readyLine(main).substring(PostgresMain.READY.length() + 1);
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept AS SELECT 42 AS answer");
        }
        ProcessHandle postmaster = ProcessHandle.of(Postmaster.pidOf(data).orElseThrow()).orElseThrow();
        // Kill the watchdog, then the JVM: what a kill -9 of the whole process group minus the server leaves.
        main.toHandle().children().forEach(ProcessHandle::destroyForcibly);
        main.destroyForcibly();
        main.waitFor();
        Thread.sleep(500);
        assertTrue(postmaster.isAlive(), "orphan still running");

        try (PostgresServer server = PostgresServer.start(new PostgresConfig(data, port, tmp.resolve("pg2.log"), false));
             Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            assertFalse(postmaster.isAlive(), "orphan stopped");
            assertEquals("42", PostgresServerTest.single(s, "SELECT answer FROM kept"));
        }
    }

    @Test
    void aTemporaryServerIsStoppedAndDeletedWhenItsJvmIsKilled() throws Exception {
        Process main = launch(EphemeralServerMain.class, List.of());
        Path data = Path.of(readyLine(main).substring(PostgresMain.READY.length() + 1));
        ProcessHandle postmaster = ProcessHandle.of(Postmaster.pidOf(data).orElseThrow()).orElseThrow();

        main.destroyForcibly();
        main.waitFor();

        assertTrue(postmaster.onExit().completeOnTimeout(null, 15, TimeUnit.SECONDS).get() != null, "watchdog stopped it");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(data) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(data), "temporary data deleted");
    }

    private static Process launch(Path data, int port) throws Exception {
        return launch(PostgresMain.class, List.of("--port", Integer.toString(port), "--data", data.toString()));
    }

    private static Process launch(Class<?> main, List<String> args) throws Exception {
        JavaCommand command = new JavaCommand(List.of("-Xmx128m"), List.of(System.getProperty("java.class.path")),
                main.getName(), args);
        List<String> detached = new ArrayList<>(List.of("setsid"));
        detached.addAll(command.toList());
        return new ProcessBuilder(detached)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static String readyLine(Process main) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith(PostgresMain.READY), "got " + line);
        return line;
    }
}
