package io.mlops.cli;

import com.sun.net.httpserver.HttpServer;
import io.mlops.cli.platform.PidFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    void doesNotStartASecondPlatformNextToARunningOneButWaitsForItToBeReady() throws IOException {
        fakeBuild();
        markAllRunning();
        try (HealthStandIns health = new HealthStandIns(Map.of())) {
            CliRun run = CliRun.run(home, root, health.urls(), "up");

            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertTrue(run.out.contains("the platform is already running (see `mlops status`)"), run.toString());
            for (String service : SERVICES) {
                assertTrue(run.out.contains("ready   " + service), run.toString());
            }
            assertTrue(run.out.contains("http://127.0.0.1:" + health.port("inference-service")), run.toString());
            assertFalse(Files.exists(home.resolve("logs")), "nothing may be started");
        }
    }

    @Test
    void aRunningServiceThatIsNotReadyFailsTheRun() throws IOException {
        fakeBuild();
        markAllRunning();
        try (HealthStandIns health = new HealthStandIns(Map.of("feature-store", 503))) {
            CliRun run = CliRun.run(home, root, health.urls(), "up", "--timeout", "1");

            assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
            assertTrue(run.err.contains("feature-store was not ready after 1 s"), run.toString());
            assertFalse(run.err.contains("model-registry was not ready"), run.toString());
            // What was running before is left running: this run started nothing.
            assertFalse(run.out.contains("stopping what was started"), run.toString());
        }
    }

    @Test
    void refusesServiceUrlsItCannotStartTheServicesAt() throws IOException {
        fakeBuild();
        CliRun remote = CliRun.run(home, root, Map.of("MLOPS_REGISTRY_URL", "http://registry.example.org:8081"), "up");
        assertEquals(ExitCodes.USAGE, remote.exitCode, remote.toString());
        assertTrue(remote.err.contains("mlops up runs model-registry on this machine, but its URL names "
                + "registry.example.org"), remote.toString());

        CliRun clash = CliRun.run(home, root, Map.of("MLOPS_MONITOR_URL", "http://127.0.0.1:8083"), "up");
        assertEquals(ExitCodes.USAGE, clash.exitCode, clash.toString());
        assertTrue(clash.err.contains("inference-service and drift-monitor are both given port 8083"), clash.toString());
        assertFalse(Files.exists(home.resolve("run")), "nothing may be started or written");
    }

    private static final List<String> SERVICES =
            List.of("model-registry", "feature-store", "inference-service", "drift-monitor");

    private void markAllRunning() throws IOException {
        // This JVM stands in for every component started earlier.
        for (String name : List.of("kafka", "postgres", "model-registry", "feature-store", "inference-service",
                "drift-monitor")) {
            new PidFile(home.resolve("run/" + name + ".pid")).write(ProcessHandle.current());
        }
    }

    /** One readiness endpoint per service, each on its own port, answering 200 unless told otherwise. */
    private static final class HealthStandIns implements AutoCloseable {

        private final Map<String, HttpServer> servers = new LinkedHashMap<>();

        HealthStandIns(Map<String, Integer> statuses) throws IOException {
            for (String service : SERVICES) {
                int status = statuses.getOrDefault(service, 200);
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/q/health/ready", exchange -> {
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
                server.start();
                servers.put(service, server);
            }
        }

        int port(String service) {
            return servers.get(service).getAddress().getPort();
        }

        /** MLOPS_*_URL pointing every service at its stand-in. */
        Map<String, String> urls() {
            return Map.of(
                    "MLOPS_REGISTRY_URL", "http://127.0.0.1:" + port("model-registry"),
                    "MLOPS_FEATURE_STORE_URL", "http://127.0.0.1:" + port("feature-store"),
                    "MLOPS_INFERENCE_URL", "http://127.0.0.1:" + port("inference-service"),
                    "MLOPS_MONITOR_URL", "http://127.0.0.1:" + port("drift-monitor"));
        }

        @Override
        public void close() {
            servers.values().forEach(server -> server.stop(0));
        }
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
