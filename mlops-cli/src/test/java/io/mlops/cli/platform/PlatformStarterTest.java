package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlatformStarterTest {

    @TempDir
    Path dir;

    @Test
    void findsTheReadyLineWrittenAfterTheGivenOffset() throws IOException {
        Path log = dir.resolve("postgres.log");
        String previousRun = "READY jdbc:postgresql://127.0.0.1:15432/old\n";
        Files.writeString(log, previousRun + "initdb ...\nREADY jdbc:postgresql://127.0.0.1:15432/mlops\n");

        assertEquals(Optional.of("jdbc:postgresql://127.0.0.1:15432/mlops"),
                PlatformStarter.readyUrl(log, previousRun.length()));
    }

    @Test
    void noReadyLineYetMeansEmpty() throws IOException {
        Path log = dir.resolve("postgres.log");
        Files.writeString(log, "extracting binaries\n");

        assertEquals(Optional.empty(), PlatformStarter.readyUrl(log, 0));
        assertEquals(Optional.empty(), PlatformStarter.readyUrl(dir.resolve("missing.log"), 0));
    }
}
