package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** Where the feature store answers online lookups for the predict API. */
@ConfigMapping(prefix = "mlops.feature-store")
public interface FeatureStoreClientConfig {

    /** Base URL of the feature store ({@code MLOPS_FEATURE_STORE_URL}), e.g. {@code http://127.0.0.1:8082}. */
    URI url();
}
