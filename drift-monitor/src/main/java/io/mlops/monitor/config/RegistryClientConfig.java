package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the monitor asks the model registry for versions and their reference profiles. */
@ConfigMapping(prefix = "mlops.registry")
public interface RegistryClientConfig {

    /** Base URL of model-registry ({@code MLOPS_REGISTRY_URL}). */
    String url();

    @WithDefault("PT2S")
    Duration connectTimeout();

    @WithDefault("PT10S")
    Duration requestTimeout();

    /** First wait before asking again while the registry is unreachable; doubles up to {@link #retryMax()}. */
    @WithDefault("PT1S")
    Duration retryInitial();

    @WithDefault("PT30S")
    Duration retryMax();

    /** A version the registry said does not exist is asked about again after this long. */
    @WithDefault("PT1M")
    Duration unknownTtl();
}
