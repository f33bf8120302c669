package io.mlops.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {

    static Vertx vertx;
    static HttpServer server;
    static final AtomicLong served = new AtomicLong();

    @BeforeAll
    static void startServer() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            served.incrementAndGet();
            switch (request.path()) {
                case "/ok" -> request.response().end("ok");
                case "/slow" -> vertx.setTimer(50, t -> request.response().end("late"));
                default -> request.response().setStatusCode(500).end();
            }
        })).listen(0).toCompletionStage().toCompletableFuture().join();
    }

    @AfterAll
    static void stopServer() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Test
    void sendsAtTheRateAskedAndCountsEveryAnswer() throws Exception {
        long before = served.get();
        try (OpenLoopLoad load = new OpenLoopLoad(url(), 8)) {
            LatencyResult r = load.run(HttpCall.postJson("/ok", List.of("{\"a\":1}", "{\"a\":2}")), 500,
                    Duration.ZERO, Duration.ofSeconds(2));
            assertEquals(1000, r.sent());
            assertEquals(1000, r.ok());
            assertEquals(0, r.failed());
            assertEquals(1000, served.get() - before);
            assertTrue(r.achievedRate() > 400 && r.achievedRate() < 600, "rate " + r.achievedRate());
            assertTrue(r.p50Ms() > 0 && r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs());
            // Each request's send lag is part of its latency, so no percentile of it can be larger.
            assertTrue(r.sendLagP99Ms() >= 0 && r.sendLagP99Ms() <= r.p99Ms(), "send lag " + r.sendLagP99Ms());
        }
    }

    @Test
    void latencyCountsFromTheIntendedSendTime() throws Exception {
        // One connection and 50 ms per answer at 100 req/s: requests queue, so later ones wait for
        // the earlier ones, and that wait must show in their latency.
        try (OpenLoopLoad load = new OpenLoopLoad(url(), 1)) {
            LatencyResult r = load.run(HttpCall.get("/slow"), 100, Duration.ZERO, Duration.ofSeconds(1));
            assertEquals(100, r.ok());
            assertTrue(r.maxMs() > 1000, "queued requests waited " + r.maxMs() + " ms");
            // The wait is for the server's answers, not for the generator: it sent on time.
            assertTrue(r.sendLagP99Ms() < 200, "send lag " + r.sendLagP99Ms() + " ms");
        }
    }

    @Test
    void reportsFailuresByReason() throws Exception {
        try (OpenLoopLoad load = new OpenLoopLoad(url(), 4)) {
            LatencyResult r = load.run(HttpCall.get("/fail"), 200, Duration.ZERO, Duration.ofMillis(500));
            assertEquals(r.sent(), r.failed());
            assertEquals(r.sent(), load.failures().get("HTTP 500"));
        }
    }

    @Test
    void closedLoopFindsAThroughput() throws Exception {
        try (OpenLoopLoad load = new OpenLoopLoad(url(), 8)) {
            double perSecond = load.maxThroughput(HttpCall.get("/ok"), 8, Duration.ofMillis(200), Duration.ofSeconds(1));
            assertTrue(perSecond > 100, "answers/s " + perSecond);
        }
    }
}
