package io.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options the Kubernetes trainer Job relies on: {@code --wait}, {@code --promote} and
 * {@code --skip-if-promoted}, against a stand-in for the registry and the feature store.
 */
class TrainCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path root;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String championAnswer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            int status;
            String body;
            if (path.equals("/q/health/ready")) {
                status = 200;
                body = "{\"status\":\"UP\",\"checks\":[]}";
            } else if (path.equals("/api/v1/models/credit-risk@champion") && championAnswer != null) {
                status = 200;
                body = championAnswer;
            } else {
                status = 404;
                body = "{\"code\":\"MODEL_NOT_FOUND\",\"detail\":\"no model credit-risk\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, String> env() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("MLOPS_REGISTRY_URL", url, "MLOPS_FEATURE_STORE_URL", url);
    }

    @Test
    void aRerunWithAChampionInPlaceTrainsNothing() {
        championAnswer = "{\"model\":\"credit-risk\",\"version\":3}";

        CliRun run = CliRun.run(home, root, env(), "train", "--wait", "10s", "--promote", "champion", "--skip-if-promoted");

        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertTrue(run.out.contains("champion of credit-risk is version 3 already"), run.toString());
        assertEquals(List.of("GET /q/health/ready", "GET /q/health/ready", "GET /api/v1/models/credit-risk@champion"),
                requests, "nothing is written");
    }

    @Test
    void withoutAChampionItGoesOnToTrain() {
        CliRun run = CliRun.run(home, root, env(), "train", "--promote", "champion", "--skip-if-promoted");

        // The stand-in knows no data set endpoint: training starts and fails at its first write.
        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        assertTrue(requests.size() > 1 && requests.get(0).equals("GET /api/v1/models/credit-risk@champion"), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.startsWith("POST ") || r.startsWith("PUT ")), requests.toString());
    }

    @Test
    void skipIfPromotedNeedsAnAlias() {
        CliRun run = CliRun.run(home, root, env(), "train", "--skip-if-promoted");

        assertEquals(ExitCodes.USAGE, run.exitCode, run.toString());
        assertTrue(requests.isEmpty(), requests.toString());
    }

    @Test
    void waitGivesUpWhenAServiceNeverAnswers() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.run(home, root, Map.of("MLOPS_REGISTRY_URL", "http://127.0.0.1:" + closed,
                "MLOPS_FEATURE_STORE_URL", env().get("MLOPS_FEATURE_STORE_URL")), "train", "--wait", "1s");

        assertEquals(ExitCodes.FAILURE, run.exitCode, run.toString());
        assertTrue(run.err.contains("not ready after 1 s: model-registry"), run.toString());
    }
}
