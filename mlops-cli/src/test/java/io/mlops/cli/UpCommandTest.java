package io.mlops.cli;

import io.mlops.cli.platform.PidFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path root;

    @Test
    void refusesToStartWhenTheJarsAreMissing() {
        CliRun run = CliRun.run(home, root, "up");

        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        assertTrue(run.err.contains("the platform is not built"), run.toString());
        for (String module : List.of("model-registry", "feature-store", "inference-service", "drift-monitor")) {
            assertTrue(run.err.contains(module + "/target/quarkus-app/quarkus-run.jar"), run.toString());
        }
        assertTrue(run.err.contains("platform/kafka-server/target/lib"), run.toString());
        assertTrue(run.err.contains("mvn -DskipTests install"), run.toString());
        assertFalse(Files.exists(home.resolve("run")), "nothing may be started or written");
    }

    @Test
    void infraOnlyNeedsOnlyTheBroker() {
        CliRun run = CliRun.run(home, root, "up", "--infra-only");

        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        assertTrue(run.err.contains("platform/kafka-server/target/lib"), run.toString());
        assertFalse(run.err.contains("quarkus-run.jar"), run.toString());
    }

    @Test
    void rejectsNonsenseOptionsBeforeLookingAtAnything() {
        CliRun heap = CliRun.run(home, root, "up", "--service-heap", "lots");
        assertEquals(ExitCodes.USAGE, heap.exitCode, heap.toString());
        assertTrue(heap.err.contains("--service-heap must look like 256m or 1g"), heap.toString());

        CliRun timeout = CliRun.run(home, root, "up", "--timeout", "0");
        assertEquals(ExitCodes.USAGE, timeout.exitCode, timeout.toString());
        assertTrue(timeout.err.contains("--timeout must be a positive number"), timeout.toString());
    }

    @Test
    void doesNotStartASecondPlatformNextToARunningOne() throws IOException {
        fakeBuild();
        // This JVM stands in for every component started earlier.
        for (String name : List.of("kafka", "postgres", "model-registry", "feature-store", "inference-service",
                "drift-monitor")) {
            new PidFile(home.resolve("run/" + name + ".pid")).write(ProcessHandle.current());
        }

        CliRun run = CliRun.run(home, root, "up");

        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertTrue(run.out.contains("the platform is already running (see `mlops status`)"), run.toString());
        assertFalse(Files.exists(home.resolve("logs")), "nothing may be started");
    }

    private static final int DRIFT_MONITOR_PORT = 8084;

    @Test
    void startsOnlyWhatIsNotRunning() throws IOException {
        fakeBuild();
        for (String name : List.of("kafka", "postgres", "model-registry", "feature-store", "inference-service")) {
            new PidFile(home.resolve("run/" + name + ".pid")).write(ProcessHandle.current());
        }
        // The missing drift-monitor's port is taken (by this test, or by a platform already running
        // on this machine), so the run stops at the port check: what it reports shows it meant to
        // start that one service and nothing else.
        ServerSocket taken = bindIfFree(DRIFT_MONITOR_PORT);
        try {
            CliRun run = CliRun.run(home, root, "up");

            assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
            assertTrue(run.out.contains("already running: "), run.toString());
            assertTrue(run.out.contains("starting the rest"), run.toString());
            assertTrue(run.err.contains("port " + DRIFT_MONITOR_PORT + " (drift-monitor) is already in use"),
                    run.toString());
            assertFalse(run.err.contains("(kafka)") || run.err.contains("(postgres)")
                    || run.err.contains("(model-registry)"), run.toString());
        } finally {
            if (taken != null) {
                taken.close();
            }
        }
    }

    private static ServerSocket bindIfFree(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
        } catch (IOException inUse) {
            return null;
        }
    }

    private void fakeBuild() throws IOException {
        for (String module : List.of("model-registry", "feature-store", "inference-service", "drift-monitor")) {
            Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "not really a jar");
        }
        Path lib = root.resolve("platform/kafka-server/target/lib");
        Files.createDirectories(lib);
        Files.writeString(lib.resolve("kafka_2.13-4.4.0.jar"), "not really a jar");
    }
}
