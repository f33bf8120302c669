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
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The one call the predict API makes to the feature store, guarded so a hung store costs a
 * request at most the timeout, and once the breaker opens, nothing: requests then fail at once
 * with 503 until a trial call succeeds. A lookup is a read, so one that fails fast (a connection
 * refused or closed under it, a 5xx) is sent once more at once; one that times out is not, so a
 * slow store is not sent twice the load. Non-blocking end to end: no thread waits for the store's
 * answer. Rejections (4xx) pass through without a retry and without counting as failures.
 * Timeout, retry and breaker are set in {@code application.properties}.
 */
@ApplicationScoped
public class FeatureStoreGateway {

    private static final Logger LOG = Logger.getLogger(FeatureStoreGateway.class);

    private final FeatureStoreApi api;
    private final ObjectMapper json;

    public FeatureStoreGateway(@RestClient FeatureStoreApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @AsynchronousNonBlocking
    @Timeout(2000)
    @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = FeatureStoreUnavailable.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = FeatureLookupRejected.class)
    public Uni<OnlineFeaturesResponse> lookup(String traceparent, OnlineFeaturesRequest request) {
        return api.lookup(traceparent, request).onFailure().transform(this::classify);
    }

    /** A 4xx is the caller's fault and passes the breaker; anything else counts as the store failing. */
    private Throwable classify(Throwable e) {
        LOG.debugf("Feature lookup failed: %s", rootMessage(e));
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
