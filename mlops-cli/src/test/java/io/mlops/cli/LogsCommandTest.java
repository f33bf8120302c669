package io.mlops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogsCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path root;

    @Test
    void printsTheLastLinesOfTheComponentsLog() throws IOException {
        Path log = home.resolve("logs/model-registry.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, IntStream.rangeClosed(1, 300).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        CliRun defaults = CliRun.run(home, root, "logs", "model-registry");
        assertEquals(ExitCodes.OK, defaults.exitCode, defaults.toString());
        assertEquals(100, defaults.out.lines().count());
        assertTrue(defaults.out.startsWith("line 201\n"), defaults.toString());

        CliRun three = CliRun.run(home, root, "logs", "model-registry", "-n", "3");
        assertEquals("line 298\nline 299\nline 300\n", three.out);
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        CliRun run = CliRun.run(home, root, "logs", "zookeeper");

        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(run.err.contains("unknown component 'zookeeper'"), run.toString());
        assertTrue(run.err.contains("kafka, postgres, model-registry, feature-store, inference-service, drift-monitor"),
                run.toString());
    }

    @Test
    void aMissingLogIsAnError() {
        CliRun run = CliRun.run(home, root, "logs", "kafka");

        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        assertTrue(run.err.contains("no log for kafka yet"), run.toString());
    }
}
