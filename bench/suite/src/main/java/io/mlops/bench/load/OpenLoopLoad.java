package io.mlops.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP load generator: requests leave at a fixed arrival rate whatever the server
 * does, and each latency is measured from the time the request was meant to leave (wrk2's
 * correction for coordinated omission). A closed loop would slow down with the server and hide
 * exactly the queueing a p99 target is about.
 *
 * <p>One pacing thread decides when each request is due and hands it to one Vert.x event loop,
 * which owns the keep-alive connections and records every answer, so the histograms are touched by
 * one thread only. How late the loop starts each request (its send lag) is recorded too: on a
 * busy or virtual machine a thread woken at a time of its choosing is sometimes a millisecond late,
 * and that lateness is part of every latency measured, the floor's as much as the service's.
 */
public final class OpenLoopLoad implements AutoCloseable {

    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** An answer later than this is a failure; without it one lost request would stall the run. */
    private static final long REQUEST_TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final Map<String, Long> failures = new ConcurrentHashMap<>();

    public OpenLoopLoad(String baseUrl, int connections) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout(2_000).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Sends at {@code rate} requests/s for {@code warmup}, forgets it, then measures for {@code duration}. */
    public LatencyResult run(HttpCall call, double rate, Duration warmup, Duration duration) throws InterruptedException {
        if (!warmup.isZero()) {
            send(call, rate, warmup);
        }
        return send(call, rate, duration);
    }

    /** Sends at {@code rate} for {@code duration} and forgets the answers: JIT, pools and caches warm up. */
    public void warmUp(HttpCall call, double rate, Duration duration) throws InterruptedException {
        send(call, rate, duration);
    }

    private LatencyResult send(HttpCall call, double rate, Duration duration) throws InterruptedException {
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        Tally tally = new Tally(total);
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * intervalNanos);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long n = i;
            // Every client call happens on the event loop: requests started from the pacing thread
            // while the loop completes others were seen to get lost in Vert.x's connection pool.
            context.runOnContext(v -> fire(call, n, intended, tally));
        }
        long sentAt = System.nanoTime();
        if (!tally.answered.await(60, TimeUnit.SECONDS)) {
            tally.failed.addAndGet(tally.answered.getCount());
        }
        double seconds = (sentAt - start) / 1e9;
        // The histograms are written on the event loop; read them there too, after the last answer.
        CompletableFuture<LatencyResult> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(LatencyResult.of(rate, Math.max(seconds, 1e-9), total, tally.ok.get(),
                        tally.failed.get(), tally.latency, tally.sendLag));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    private void fire(HttpCall call, long i, long intended, Tally tally) {
        // How late the generator itself is: the pacing thread and the event loop both wait for a
        // core, and that wait is in every latency below, the floor's included.
        tally.sendLag.recordValue(Math.min(Math.max(0, System.nanoTime() - intended), HIGHEST_TRACKABLE_NANOS));
        Buffer body = call.body(i);
        client.request(options(call, i, body))
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(ignored -> response))
                .onComplete(result -> {
                    // parkNanos may return early, so a request can leave before its time: never below 0.
                    long latency = Math.max(0, System.nanoTime() - intended);
                    tally.latency.recordValue(Math.min(latency, HIGHEST_TRACKABLE_NANOS));
                    HttpClientResponse response = result.succeeded() ? result.result() : null;
                    if (response != null && response.statusCode() / 100 == 2) {
                        tally.ok.incrementAndGet();
                    } else {
                        tally.failed.incrementAndGet();
                        failures.merge(response != null ? "HTTP " + response.statusCode()
                                : result.cause().getClass().getSimpleName() + ": " + result.cause().getMessage(), 1L,
                                Long::sum);
                    }
                    tally.answered.countDown();
                });
    }

    /** What one open-loop run has counted so far; the histograms are touched on the event loop only. */
    private static final class Tally {
        final Histogram latency = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        final Histogram sendLag = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final CountDownLatch answered;

        Tally(long total) {
            this.answered = new CountDownLatch((int) total);
        }
    }

    /**
     * Closed loop with {@code inFlight} requests always outstanding, for {@code duration}: the most
     * the server answers per second, which an open loop cannot find without overloading it.
     */
    public double maxThroughput(HttpCall call, int inFlight, Duration warmup, Duration duration)
            throws InterruptedException {
        closedLoop(call, inFlight, warmup);
        return closedLoop(call, inFlight, duration);
    }

    private double closedLoop(HttpCall call, int inFlight, Duration duration) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(inFlight);
        long start = System.nanoTime();
        for (int lane = 0; lane < inFlight; lane++) {
            long seed = lane;
            context.runOnContext(v -> loop(call, seed, deadline, done, finished));
        }
        finished.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private void loop(HttpCall call, long i, long deadline, AtomicLong done, CountDownLatch finished) {
        if (System.nanoTime() >= deadline) {
            finished.countDown();
            return;
        }
        Buffer body = call.body(i);
        client.request(options(call, i, body))
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    if (result.succeeded() && result.result() / 100 == 2) {
                        done.incrementAndGet();
                    }
                    loop(call, i + 1_000, deadline, done, finished);
                });
    }

    private RequestOptions options(HttpCall call, long i, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setHost(host).setPort(port)
                .setURI(call.path(i)).setIdleTimeout(REQUEST_TIMEOUT_MS);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return options;
    }

    /** Why requests failed in the runs so far, by reason: status or exception. */
    public Map<String, Long> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
