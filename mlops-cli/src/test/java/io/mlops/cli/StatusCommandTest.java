package io.mlops.cli;

import io.mlops.cli.platform.Components;
import io.mlops.cli.platform.LocalPlatformSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path root;

    /** A port nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void reportsDownComponentsWithExitCodeThree() throws IOException {
        int kafkaPort = closedPort();
        int dbPort = closedPort();
        CliRun run = CliRun.run(home, root, Map.of(
                "MLOPS_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort,
                "MLOPS_DB_URL", "jdbc:postgresql://127.0.0.1:" + dbPort + "/mlops"), "status");

        assertEquals(ExitCodes.NOT_ALL_UP, run.exitCode, run.toString());
        String[] lines = run.out.split("\n");
        assertTrue(lines[0].startsWith("COMPONENT"), run.toString());
        assertEquals(1 + Components.names().size(), lines.length, run.toString());
        assertTrue(run.out.contains("127.0.0.1:" + kafkaPort), run.toString());
        assertTrue(lines[1].matches("kafka +external +- +127\\.0\\.0\\.1:\\d+ +port closed"), lines[1]);
    }

    @Test
    void rendersOneAlignedRowPerComponent() {
        Properties props = new Properties();
        props.setProperty("mlops.root", root.toString());
        LocalPlatformSettings settings = LocalPlatformSettings.from(Map.of(), props);
        List<StatusCommand.Row> rows = List.of(
                new StatusCommand.Row(Components.kafka(settings), "running", "101", true, "port open"),
                new StatusCommand.Row(Components.services(settings).get(0), "stopped", "-", false, "no answer"));
        Terminal plain = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                false, false);

        assertEquals("""
                COMPONENT       STATE    PID  PORT  READY
                kafka           running  101  9092  port open
                model-registry  stopped  -    8081  no answer
                """, StatusCommand.render(plain, rows));
    }
}
