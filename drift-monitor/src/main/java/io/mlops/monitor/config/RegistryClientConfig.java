package io.mlops.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the monitor asks the model registry for versions and their reference profiles. */
@ConfigMapping(prefix = "mlops.registry")
public interface RegistryClientConfig {

    /** Base URL of model-registry ({@code MLOPS_REGISTRY_URL}). */
    String url();

    /** Longest wait to connect to the registry. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Longest wait for one answer (a profile with samples and sketches can be large). */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** First wait before asking again while the registry is unreachable; doubles up to {@link #retryMax()}. */
    @WithDefault("PT1S")
    Duration retryInitial();

    /** Longest wait between two attempts. */
    @WithDefault("PT30S")
    Duration retryMax();

    /** A version the registry said does not exist is asked about again after this long. */
    @WithDefault("PT1M")
    Duration unknownTtl();
}
