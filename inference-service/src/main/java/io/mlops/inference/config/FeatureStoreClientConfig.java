package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Where the feature store answers online lookups for the predict API, and how it is called. */
@ConfigMapping(prefix = "mlops.feature-store")
public interface FeatureStoreClientConfig {

    /** Base URL of the feature store ({@code MLOPS_FEATURE_STORE_URL}), e.g. {@code http://127.0.0.1:8082}. */
    URI url();

    /**
     * Longest wait for a connection: a new one to the feature store, or a pooled one while all
     * are busy. Past it the lookup fails as unavailable (and is sent once more).
     */
    @WithDefault("500ms")
    Duration connectTimeout();

    /**
     * Longest wait for one lookup's answer. Past it the request answers 503 and the connection is
     * reset at once, so a hung store does not hold the pool.
     */
    @WithDefault("2s")
    Duration timeout();

    /** Keep-alive connections kept open to the feature store, per service instance. */
    @WithDefault("64")
    int connections();

    /** Lookups waiting for a connection beyond which new ones fail at once as unavailable. */
    @WithDefault("1024")
    int maxWaiting();
}
