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

    /**
     * Most tensor elements (values over all inputs) one inference request may carry, refused with
     * 413 while the body is read. It bounds the memory a request takes while parsed (about 8 bytes a
     * number and 50 a short string) whatever the body size allows: 2,097,152 is 13 rows of a
     * 3×224×224 image or 1,024 rows of 2,048 features; raise it for wider inputs.
     */
    @WithDefault("2097152")
    long maxElements();
}
