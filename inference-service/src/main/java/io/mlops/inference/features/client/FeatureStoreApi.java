package io.mlops.inference.features.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.inference.config.FeatureStoreClientConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The feature store's online lookup over a pool of keep-alive connections, on Vert.x's HTTP
 * client directly: the answer arrives on the event loop that asked, and nothing waits for it.
 *
 * <p>It replaces a MicroProfile REST client, whose handler chain, filters and context switches
 * cost the predict API more CPU than the rest of a prediction. Failures come out already
 * classified: a 4xx is a {@link FeatureLookupRejected} (the lookup is wrong), a lookup not
 * answered within the timeout a {@link FeatureStoreTimedOut}, anything else a
 * {@link FeatureStoreUnavailable} (the store is down or failing).
 *
 * <p>The timeout lives here rather than in a fault-tolerance annotation because only here can it
 * reset the request: the annotation's timeout answers the caller but leaves the connection held
 * until the store answers, so a hung store would soon hold the whole pool.
 */
@ApplicationScoped
public class FeatureStoreApi {

    private static final String PATH = "/api/v1/online-features";
    private static final String JSON = "application/json";
    private static final String TRACEPARENT = "traceparent";
    /** Problem codes a 4xx carries when the request never reached the lookup (route, method, media type). */
    private static final Set<String> NOT_A_LOOKUP_ANSWER = Set.of("NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE",
            "UNSUPPORTED_MEDIA_TYPE");

    private final Vertx vertx;
    private final HttpClient client;
    private final ObjectMapper json;
    private final String host;
    private final int port;
    private final String uri;
    private final long connectTimeoutMillis;
    private final long timeoutMillis;

    public FeatureStoreApi(Vertx vertx, FeatureStoreClientConfig config, ObjectMapper json) {
        URI base = config.url();
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new IllegalArgumentException("mlops.feature-store.url must be an http(s) URL with a host, not '"
                    + base + "'");
        }
        if (config.timeout().toMillis() < 1 || config.connectTimeout().toMillis() < 1) {
            throw new IllegalArgumentException("mlops.feature-store.timeout and connect-timeout must be at least 1ms");
        }
        boolean tls = scheme.equals("https");
        this.vertx = vertx;
        this.json = json;
        this.host = base.getHost().startsWith("[") ? base.getHost().substring(1, base.getHost().length() - 1)
                : base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        this.uri = (base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "")) + PATH;
        this.connectTimeoutMillis = config.connectTimeout().toMillis();
        this.timeoutMillis = config.timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setSsl(tls)
                        .setConnectTimeout((int) connectTimeoutMillis),
                new PoolOptions().setHttp1MaxSize(config.connections()).setMaxWaitQueueSize(config.maxWaiting()));
    }

    /**
     * Emits the response, or fails with {@link FeatureLookupRejected}, {@link FeatureStoreTimedOut}
     * or {@link FeatureStoreUnavailable}. The timeout resets the request; so does cancelling the
     * Uni, though the fault-tolerance layer in front of it never cancels, so there the timeout is
     * what frees the connection of a caller that went away.
     */
    public Uni<OnlineFeaturesResponse> lookup(String traceparent, OnlineFeaturesRequest request) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(request));
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Cannot write the lookup as JSON", e));
        }
        // Connect timeout: for a new connection, and for a pooled one while all are busy.
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI(uri).setConnectTimeout(connectTimeoutMillis)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.ACCEPT, JSON);
        if (traceparent != null) {
            options.putHeader(TRACEPARENT, traceparent);
        }
        return Uni.createFrom().emitter(emitter -> new Exchange(emitter).start(options, body));
    }

    /**
     * One lookup from request to answer. Every step runs on one Vert.x context (the event loop
     * that asked), cancellation included, so the request is never reset after its answer has
     * ended and its connection gone back to the pool for another lookup.
     */
    private final class Exchange {

        private final UniEmitter<? super OnlineFeaturesResponse> emitter;
        private final Context context = vertx.getOrCreateContext();
        private HttpClientRequest request;
        private boolean settled;
        private long timer = -1;

        Exchange(UniEmitter<? super OnlineFeaturesResponse> emitter) {
            this.emitter = emitter;
        }

        void start(RequestOptions options, Buffer body) {
            onContext(() -> {
                emitter.onTermination(() -> onContext(this::settle));
                timer = vertx.setTimer(timeoutMillis, id -> {
                    timer = -1;
                    fail(new FeatureStoreTimedOut("the feature store did not answer in time", null));
                });
                client.request(options).onComplete(opened -> send(opened, body));
            });
        }

        private void onContext(Runnable action) {
            if (Vertx.currentContext() == context) {
                guarded(action);
            } else {
                context.runOnContext(v -> guarded(action));
            }
        }

        /** Whatever goes wrong in a step ends the lookup, rather than leaving it pending. */
        private void guarded(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                fail(classified(e));
            }
        }

        private void send(AsyncResult<HttpClientRequest> opened, Buffer body) {
            if (opened.failed()) {
                fail(unavailable(opened.cause()));
                return;
            }
            request = opened.result();
            if (settled) {
                // Given up while waiting for a connection: the request was never sent, so this
                // hands the connection straight back.
                request.reset();
                return;
            }
            request.send(body)
                    .compose(response -> response.body().map(bytes -> read(response, bytes)))
                    .onComplete(answered -> {
                        if (!settleAnswered()) {
                            return;
                        }
                        if (answered.succeeded()) {
                            emitter.complete(answered.result());
                        } else {
                            emitter.fail(classified(answered.cause()));
                        }
                    });
        }

        /** Ends the exchange with a failure, unless it has already ended. */
        private void fail(Throwable e) {
            if (settle()) {
                emitter.fail(e);
            }
        }

        /** Ends the exchange before its answer: resets the request if it was sent. False if already ended. */
        private boolean settle() {
            if (!settleAnswered()) {
                return false;
            }
            if (request != null) {
                request.reset();
            }
            return true;
        }

        /** Ends the exchange with its answer in hand. False if already ended. */
        private boolean settleAnswered() {
            if (settled) {
                return false;
            }
            settled = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            return true;
        }
    }

    private OnlineFeaturesResponse read(HttpClientResponse response, Buffer bytes) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            try {
                return json.readValue(bytes.getBytes(), OnlineFeaturesResponse.class);
            } catch (IOException e) {
                throw new FeatureStoreUnavailable("the feature store answered JSON this service cannot read: "
                        + e.getMessage(), e);
            }
        }
        if (status >= 400 && status < 500) {
            JsonNode problem = problem(bytes);
            String code = problem.path("code").textValue();
            if (code == null || NOT_A_LOOKUP_ANSWER.contains(code)) {
                // Not the store judging the lookup but the wrong endpoint or something in between
                // (a proxy, a changed path): the store is unusable from here, not the request wrong.
                throw new FeatureStoreUnavailable("the feature store answered HTTP " + status
                        + (code == null ? " without a problem document" : " " + code) + " to the lookup at "
                        + uri + "; check mlops.feature-store.url", null);
            }
            throw new FeatureLookupRejected(status, code, problem.path("detail").asText("HTTP " + status));
        }
        throw new FeatureStoreUnavailable("the feature store answered HTTP " + status, null);
    }

    private JsonNode problem(Buffer bytes) {
        try {
            return json.readTree(bytes.getBytes());
        } catch (IOException | RuntimeException unreadable) {
            return json.createObjectNode();
        }
    }

    /** A failure as the gateway expects it: rejected or timed out as it came, anything else unavailable. */
    private static Throwable classified(Throwable e) {
        return e instanceof FeatureLookupRejected || e instanceof FeatureStoreUnavailable ? e : unavailable(e);
    }

    private static FeatureStoreUnavailable unavailable(Throwable e) {
        return timedOut(e) ? new FeatureStoreUnavailable("no connection to the feature store in time: "
                + rootMessage(e), e)
                : new FeatureStoreUnavailable("the feature store is unreachable: " + rootMessage(e), e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
