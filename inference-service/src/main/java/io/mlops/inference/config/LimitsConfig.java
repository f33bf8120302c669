package io.mlops.inference.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on what one request may ask of the service. */
@ConfigMapping(prefix = "mlops.inference.limits")
public interface LimitsConfig {

    /**
     * Largest request body; a larger one is refused with 413 from its {@code Content-Length}
     * before it is read. {@code mlops.http.body.max-size} (the platform's body guard) and
     * {@code quarkus.http.limits.max-body-size} follow it.
     */
    @WithDefault("16M")
    MemorySize maxRequestSize();

    /** Most rows (the first dimension of a batched input) one inference request may carry. */
    @WithDefault("1024")
    int maxBatchSize();
}
