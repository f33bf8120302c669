package io.mlops.inference.features.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one call the predict API makes to the feature store, guarded so an outage costs a request
 * at most the timeout, and once the breaker opens, nothing: requests then fail at once with 503
 * until a trial call succeeds. Rejections (4xx) pass through without counting as failures.
 * Timeout and breaker are set in {@code application.properties}.
 */
@ApplicationScoped
public class FeatureStoreGateway {

    private final FeatureStoreApi api;
    private final ObjectMapper json;

    public FeatureStoreGateway(@RestClient FeatureStoreApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = FeatureLookupRejected.class)
    public OnlineFeaturesResponse lookup(String traceparent, OnlineFeaturesRequest request) {
        try {
            return api.lookup(traceparent, request);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                JsonNode problem = problem(e);
                throw new FeatureLookupRejected(status, problem.path("code").textValue(),
                        problem.path("detail").asText("HTTP " + status));
            }
            throw new FeatureStoreUnavailable("the feature store answered HTTP " + status, e);
        } catch (ProcessingException e) {
            throw new FeatureStoreUnavailable(timedOut(e) ? "the feature store did not answer in time"
                    : "the feature store is unreachable: " + rootMessage(e), e);
        }
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
