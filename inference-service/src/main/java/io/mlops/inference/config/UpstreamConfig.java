package io.mlops.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.net.URI;

/** The services inference depends on at request time. */
@ConfigMapping(prefix = "mlops")
public interface UpstreamConfig {

    /** The model registry: aliases, versions and artifacts ({@code MLOPS_REGISTRY_URL}). */
    @WithName("registry.url")
    URI registryUrl();

    /** The feature store: online features for predict ({@code MLOPS_FEATURE_STORE_URL}). */
    @WithName("feature-store.url")
    URI featureStoreUrl();
}
