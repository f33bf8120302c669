package io.mlops.inference.features.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.inference.config.FeatureStoreClientConfig;
import io.smallrye.mutiny.Uni;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The feature store's online lookup over a pool of keep-alive connections, on Vert.x's HTTP
 * client directly: the answer arrives on the event loop that asked, and nothing waits for it.
 *
 * <p>It replaces a MicroProfile REST client, whose handler chain, filters and context switches
 * cost the predict API more CPU than the rest of a prediction. Failures come out already
 * classified: a 4xx is a {@link FeatureLookupRejected} (the lookup is wrong), anything else a
 * {@link FeatureStoreUnavailable} (the store is down, failing or slow).
 */
@ApplicationScoped
public class FeatureStoreApi {

    static final String PATH = "/api/v1/online-features";
    private static final String JSON = "application/json";
    private static final String TRACEPARENT = "traceparent";

    private final HttpClient client;
    private final ObjectMapper json;
    private final String host;
    private final int port;
    private final String uri;
    private final long readTimeoutMillis;

    public FeatureStoreApi(Vertx vertx, FeatureStoreClientConfig config, ObjectMapper json) {
        URI base = config.url();
        this.json = json;
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        this.uri = (base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "")) + PATH;
        this.readTimeoutMillis = config.readTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setSsl("https".equals(base.getScheme()))
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.connections()));
    }

    /** Emits the response, or fails with {@link FeatureLookupRejected} or {@link FeatureStoreUnavailable}. */
    public Uni<OnlineFeaturesResponse> lookup(String traceparent, OnlineFeaturesRequest request) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(request));
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Cannot write the lookup as JSON", e));
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI(uri).setIdleTimeout(readTimeoutMillis)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.ACCEPT, JSON);
        if (traceparent != null) {
            options.putHeader(TRACEPARENT, traceparent);
        }
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            // A caller that gave up (the fault-tolerance timeout) frees the connection at once.
            emitter.onTermination(() -> {
                if (settled.compareAndSet(false, true) && sent.get() != null) {
                    sent.get().reset();
                }
            });
            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    if (settled.compareAndSet(false, true)) {
                        emitter.fail(unavailable(opened.cause()));
                    }
                    return;
                }
                HttpClientRequest http = opened.result();
                sent.set(http);
                if (settled.get()) {
                    http.reset();
                    return;
                }
                http.send(body)
                        .compose(response -> response.body().map(bytes -> read(response, bytes)))
                        .onComplete(answered -> {
                            if (!settled.compareAndSet(false, true)) {
                                return;
                            }
                            if (answered.succeeded()) {
                                emitter.complete(answered.result());
                            } else {
                                emitter.fail(answered.cause() instanceof FeatureLookupRejected
                                        || answered.cause() instanceof FeatureStoreUnavailable
                                        ? answered.cause() : unavailable(answered.cause()));
                            }
                        });
            });
        });
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
            throw new FeatureLookupRejected(status, problem.path("code").textValue(),
                    problem.path("detail").asText("HTTP " + status));
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

    private static FeatureStoreUnavailable unavailable(Throwable e) {
        return new FeatureStoreUnavailable(timedOut(e) ? "the feature store did not answer in time"
                : "the feature store is unreachable: " + rootMessage(e), e);
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
