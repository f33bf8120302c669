package io.mlops.inference.features.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one call the predict API makes to the feature store, guarded so an outage costs a request
 * at most two short attempts, and once the breaker opens, nothing: requests then fail at once
 * with 503 until a trial call succeeds. A lookup is a read, so one that times out or loses its
 * connection is sent once more: a pause of the store shorter than both attempts, or a keep-alive
 * connection closed under the request, then costs latency instead of a failed prediction.
 * Non-blocking end to end: no thread waits for the store's answer. Rejections (4xx) pass through
 * without a retry and without counting as failures. Timeout, retry and breaker are set in
 * {@code application.properties}.
 */
@ApplicationScoped
public class FeatureStoreGateway {

    private final FeatureStoreApi api;
    private final ObjectMapper json;

    public FeatureStoreGateway(@RestClient FeatureStoreApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @AsynchronousNonBlocking
    @Timeout(750)
    @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = {FeatureStoreUnavailable.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = FeatureLookupRejected.class)
    public Uni<OnlineFeaturesResponse> lookup(String traceparent, OnlineFeaturesRequest request) {
        return api.lookup(traceparent, request).onFailure().transform(this::classify);
    }

    /** A 4xx is the caller's fault and passes the breaker; anything else counts as the store failing. */
    private Throwable classify(Throwable e) {
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse() == null ? 500 : w.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                JsonNode problem = problem(w);
                return new FeatureLookupRejected(status, problem.path("code").textValue(),
                        problem.path("detail").asText("HTTP " + status));
            }
            return new FeatureStoreUnavailable("the feature store answered HTTP " + status, w);
        }
        if (e instanceof ProcessingException || e instanceof java.io.IOException
                || e instanceof io.vertx.core.VertxException) {
            return new FeatureStoreUnavailable(timedOut(e) ? "the feature store did not answer in time"
                    : "the feature store is unreachable: " + rootMessage(e), e);
        }
        return e;
    }

    private JsonNode problem(WebApplicationException e) {
        try {
            return json.readTree(e.getResponse().readEntity(String.class));
        } catch (Exception unreadable) {
            return json.createObjectNode();
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
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
}
