package io.mlops.common.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** How large a request body {@link BodySizeGuard} lets through. */
@ConfigMapping(prefix = "mlops.http.body")
public interface BodyLimitConfig {

    /**
     * Largest request body. A request whose {@code Content-Length} is larger is refused with a 413
     * {@code PAYLOAD_TOO_LARGE} problem before a byte of it is read. Defaults to
     * {@code quarkus.http.limits.max-body-size}, the HTTP layer's own limit for bodies sent without
     * a length; a service may set it lower (e.g. to its largest JSON body). Routes declared by a
     * {@link BodyLimitRoute} bean (uploads) have limits of their own.
     */
    MemorySize maxSize();
}
