package io.mlops.inference.features.client;

/** The feature store is down, failing (5xx) or unreachable. */
public class FeatureStoreUnavailable extends RuntimeException {

    public FeatureStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
