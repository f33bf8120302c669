package io.mlops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlopsCommandTest {

    @TempDir
    Path home;

    @Test
    void helpListsTheLifecycleCommands() {
        CliRun run = CliRun.run(home, home, "--help");

        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        for (String command : new String[] {"up", "status", "down", "logs"}) {
            assertTrue(run.out.contains("  " + command + " "), run.toString());
        }
        assertTrue(run.out.contains("./mlops bench"), "the benchmark suite, run by the wrapper: " + run);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.run(home, home, "up", "--no-such-option");

        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(run.err.contains("--no-such-option"), run.toString());
    }

    @Test
    void aDurationInAnUnknownUnitIsAUsageErrorNotSeconds() {
        CliRun run = CliRun.run(home, home, "simulate", "--duration", "2d");

        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(run.err.contains("'2d' is not a duration"), run.toString());
    }

    @Test
    void aDriftAfterTheEndOfTheTrafficIsRefusedBeforeAnythingIsSent() {
        CliRun run = CliRun.run(home, home, "simulate", "--duration", "60s", "--drift-at", "60s");

        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(run.err.contains("would never be injected"), run.toString());
    }
}
