package io.mlops.cli;

import io.mlops.cli.platform.PidFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path root;

    @Test
    void withNothingRunningItSaysSoAndSucceeds() {
        CliRun run = CliRun.run(home, root, "down");

        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertTrue(run.out.contains("nothing is running"), run.toString());
    }

    @Test
    void stopsTheRecordedProcessesAndRemovesTheirPidFiles() throws Exception {
        Process service = new ProcessBuilder("sleep", "60").start();
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        try {
            PidFile servicePid = new PidFile(home.resolve("run/feature-store.pid"));
            servicePid.write(service.toHandle());
            PidFile stalePid = new PidFile(home.resolve("run/kafka.pid"));
            stalePid.write(exited.toHandle());

            CliRun run = CliRun.run(home, root, "down", "--timeout", "10");

            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("stopped feature-store (pid " + service.pid() + ")"), run.toString());
            assertTrue(run.out.contains("removed stale pid files of kafka"), run.toString());
            assertFalse(service.isAlive());
            assertFalse(Files.exists(servicePid.path()));
            assertFalse(Files.exists(stalePid.path()));

            CliRun again = CliRun.run(home, root, "down");
            assertEquals(ExitCodes.OK, again.exitCode, again.toString());
            assertTrue(again.out.contains("nothing is running"), again.toString());
        } finally {
            service.destroyForcibly();
        }
    }
}
