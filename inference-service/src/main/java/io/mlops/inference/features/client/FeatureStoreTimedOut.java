package io.mlops.inference.features.client;

/**
 * The feature store did not answer within the lookup's timeout. The store is slow, not down, so
 * the lookup is not sent again: a retry would only double the load on it.
 */
public class FeatureStoreTimedOut extends FeatureStoreUnavailable {

    public FeatureStoreTimedOut(String message, Throwable cause) {
        super(message, cause);
    }
}
