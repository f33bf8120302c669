package io.mlops.inference.features.client;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The one call the predict API makes to the feature store, guarded so a hung store costs a
 * request at most the lookup's timeout ({@link FeatureStoreApi}), and once the breaker opens,
 * nothing: requests then fail at once with 503 until a trial call succeeds. A lookup is a read, so
 * one that fails fast (a connection refused or closed under it, a 5xx) is sent once more at once;
 * one that times out is not, so a slow store is not sent twice the load. Non-blocking end to end:
 * no thread waits for the store's answer. Rejections (4xx) pass through without a retry and
 * without counting as failures. Retry and breaker can be tuned in {@code application.properties}.
 */
@ApplicationScoped
public class FeatureStoreGateway {

    private final FeatureStoreApi api;

    public FeatureStoreGateway(FeatureStoreApi api) {
        this.api = api;
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = FeatureStoreUnavailable.class,
            abortOn = FeatureStoreTimedOut.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = FeatureLookupRejected.class)
    public Uni<OnlineFeaturesResponse> lookup(String traceparent, OnlineFeaturesRequest request) {
        return api.lookup(traceparent, request);
    }
}
