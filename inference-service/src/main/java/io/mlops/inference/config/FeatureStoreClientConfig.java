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

    /** Longest wait for a new connection to the feature store. */
    @WithDefault("500ms")
    Duration connectTimeout();

    /**
     * Longest silence on a connection waiting for the answer, after which it is closed. A little
     * longer than the fault-tolerance timeout, which answers the request first; this releases
     * the connection a hung store holds.
     */
    @WithDefault("2500ms")
    Duration readTimeout();

    /** Keep-alive connections kept open to the feature store, per service instance. */
    @WithDefault("64")
    int connections();
}
