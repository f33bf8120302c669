package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrphanPostmasterTest {

    @TempDir
    Path dataDir;

    private void pidFile(long pid) throws IOException {
        Files.writeString(dataDir.resolve(OrphanPostmaster.PID_FILE), pid + "\n" + dataDir + "\n1700000000\n15432\n");
    }

    @Test
    void findsALiveProcessNamedPostgres() throws Exception {
        // A stand-in server: `sleep` under the name PostgreSQL's executable has.
        Path postgres = dataDir.resolveSibling(dataDir.getFileName() + "-bin").resolve("postgres");
        Files.createDirectories(postgres.getParent());
        Files.copy(Path.of("/bin/sleep"), postgres, StandardCopyOption.REPLACE_EXISTING);
        Process server = new ProcessBuilder(postgres.toString(), "30").start();
        try {
            pidFile(server.pid());

            assertEquals(server.pid(), OrphanPostmaster.find(dataDir).orElseThrow().pid());

            // Stopping the platform stops it too, even with no launcher left to ask.
            Properties props = new Properties();
            props.setProperty("user.home", dataDir.toString());
            PidFiles pidFiles = new PidFiles(LocalPlatformSettings.from(Map.of(), props));
            List<String> stopped = new ArrayList<>();
            new PlatformStopper(pidFiles, Duration.ofSeconds(5), dataDir)
                    .stop(Map.of(), (name, pid, outcome) -> stopped.add(name + " " + pid + " " + outcome));

            assertEquals(List.of("postgres server " + server.pid() + " STOPPED"), stopped);
            assertFalse(server.isAlive());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aReusedPidOfAnotherProgramIsNotTheServer() throws IOException {
        pidFile(ProcessHandle.current().pid());

        assertTrue(OrphanPostmaster.find(dataDir).isEmpty());
    }

    @Test
    void noFileOrADeadPidMeansNoServer() throws Exception {
        assertTrue(OrphanPostmaster.find(dataDir).isEmpty());

        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        pidFile(exited.pid());
        assertTrue(OrphanPostmaster.find(dataDir).isEmpty());
    }
}
