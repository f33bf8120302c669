package io.mlops.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lists longer than one page are read to their end, as the registry pages them. */
class ServiceClientTest {

    private HttpServer server;
    private final List<String> queries = new ArrayList<>();

    @BeforeEach
    void registryPagingTwoModelsAPage() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/models", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            String body = query.contains("loop")
                    ? "{\"models\":[],\"nextPageToken\":\"same\"}"
                    : query.contains("pageToken=p%2B2")
                    ? "{\"models\":[{\"name\":\"c\"}]}"
                    : "{\"models\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"nextPageToken\":\"p+2\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @Timeout(10)
    void aTokenAnsweredTwiceEndsTheListWithAnErrorRatherThanLoopingForEver() {
        ServiceClient client = new ServiceClient("model-registry", "http://127.0.0.1:" + server.getAddress().getPort(),
                "test");

        ApiException e = assertThrows(ApiException.class, () -> client.getAll("/api/v1/models?loop=1", "models"));

        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    @Timeout(10)
    void getAllFollowsThePageTokenToTheLastPage() {
        ServiceClient client = new ServiceClient("model-registry", "http://127.0.0.1:" + server.getAddress().getPort(),
                "test");

        List<JsonNode> models = client.getAll("/api/v1/models?pageSize=2", "models");

        assertEquals(List.of("a", "b", "c"), models.stream().map(m -> m.path("name").asText()).toList());
        assertEquals(List.of("pageSize=2", "pageSize=2&pageToken=p%2B2"), queries);
    }
}
