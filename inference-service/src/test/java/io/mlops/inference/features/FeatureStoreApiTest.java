package io.mlops.inference.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.inference.config.FeatureStoreClientConfig;
import io.mlops.inference.features.client.FeatureLookupRejected;
import io.mlops.inference.features.client.FeatureStoreApi;
import io.mlops.inference.features.client.FeatureStoreTimedOut;
import io.mlops.inference.features.client.FeatureStoreUnavailable;
import io.mlops.inference.features.client.OnlineFeaturesRequest;
import io.mlops.inference.features.client.OnlineFeaturesResponse;
import io.mlops.inference.support.FeatureStoreStandIn;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lookup client against a real HTTP server, with one connection so a held one would show. */
class FeatureStoreApiTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final OnlineFeaturesRequest LOOKUP = new OnlineFeaturesRequest(List.of("customers:tenure"),
            Map.of("customer_id", List.of(1001)), false);

    private static Vertx vertx;
    private static FeatureStoreStandIn store;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        store = new FeatureStoreStandIn();
        store.put(1001, Map.of("customers:tenure", 12));
    }

    @AfterAll
    static void stop() {
        store.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        store.reset();
    }

    @Test
    void answersWithTheStoresColumns() {
        OnlineFeaturesResponse answer = client(store.url(), 1).lookup(null, LOOKUP).await().atMost(Duration.ofSeconds(5));
        assertEquals(2, answer.results().size(), "the join key, then the feature");
        assertEquals(12L, ((Number) answer.results().get(1).values().get(0)).longValue());
    }

    @Test
    void aHungStoreTimesOutAndItsConnectionIsFreedAtOnce() {
        FeatureStoreApi api = client(store.url(), 1);
        store.stallNext(1, 3_000);
        long start = System.nanoTime();
        Throwable e = failure(api);
        assertInstanceOf(FeatureStoreTimedOut.class, e);
        assertTrue(millisSince(start) < 1_500, "timed out after " + millisSince(start) + " ms");

        // The only connection was reset, not left waiting for the stalled answer.
        start = System.nanoTime();
        api.lookup(null, LOOKUP).await().atMost(Duration.ofSeconds(5));
        assertTrue(millisSince(start) < 1_000, "the next lookup waited " + millisSince(start) + " ms");
    }

    @Test
    void aLookupThatCannotGetAConnectionInTimeFailsAsUnavailable() throws InterruptedException {
        // A lookup timeout longer than the stall: the one connection stays busy for 1.5 s.
        FeatureStoreApi api = client(store.url(), 1, Duration.ofSeconds(3));
        store.stallNext(1, 1_500);
        int before = store.requests();
        var held = api.lookup(null, LOOKUP).subscribe().asCompletionStage();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (store.requests() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before + 1, store.requests(), "the first lookup holds the one connection");
        long start = System.nanoTime();
        Throwable e = failure(api);
        assertInstanceOf(FeatureStoreUnavailable.class, e);
        assertTrue(!(e instanceof FeatureStoreTimedOut), "no connection is not a slow answer: " + e);
        assertTrue(millisSince(start) < 1_000, "waited " + millisSince(start) + " ms for a connection");
        held.toCompletableFuture().handle((r, t) -> null).join();
    }

    @Test
    void rejectionsAndFailuresComeOutClassified() {
        FeatureStoreApi api = client(store.url(), 1);
        store.failWith(422);
        Throwable rejected = failure(api);
        assertInstanceOf(FeatureLookupRejected.class, rejected);
        assertEquals(422, ((FeatureLookupRejected) rejected).status());
        assertEquals("INTERNAL_ERROR", ((FeatureLookupRejected) rejected).code());

        store.failWith(500);
        Throwable failing = failure(api);
        assertInstanceOf(FeatureStoreUnavailable.class, failing);
        assertTrue(failing.getMessage().contains("HTTP 500"), failing.getMessage());
        store.reset();

        // A 4xx that is not about the lookup (no such route: a wrong base URL) is the store being
        // unusable from here, not the request being wrong.
        Throwable misrouted = failure(client(store.url() + "/elsewhere", 1));
        assertInstanceOf(FeatureStoreUnavailable.class, misrouted);
        assertTrue(misrouted.getMessage().contains("HTTP 404 NOT_FOUND"), misrouted.getMessage());
    }

    @Test
    void aStoreThatIsNotListeningIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable e = failure(client("http://127.0.0.1:" + closedPort, 1));
        assertInstanceOf(FeatureStoreUnavailable.class, e);
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void aUrlWithoutSchemeOrHostIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> client("feature-store:8082", 1));
        assertThrows(IllegalArgumentException.class, () -> client("ftp://feature-store", 1));
    }

    private static Throwable failure(FeatureStoreApi api) {
        return assertThrows(RuntimeException.class, () -> api.lookup(null, LOOKUP).await().atMost(Duration.ofSeconds(5)));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static FeatureStoreApi client(String url, int connections) {
        return client(url, connections, TIMEOUT);
    }

    private static FeatureStoreApi client(String url, int connections, Duration timeout) {
        return new FeatureStoreApi(vertx, new FeatureStoreClientConfig() {
            @Override
            public URI url() {
                return URI.create(url);
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofMillis(300);
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public int connections() {
                return connections;
            }

            @Override
            public int maxWaiting() {
                return 16;
            }
        }, new ObjectMapper());
    }
}
