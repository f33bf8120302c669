package io.mlops.common.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /**
     * Whether a body sent without a {@code Content-Length} (chunked) is refused with 411 on routes
     * no {@link BodyLimitRoute} claims. Only the length lets {@link BodySizeGuard} hold such a body
     * to {@link #maxSize()}; without it the HTTP layer buffers up to its own, larger limit. A
     * service whose HTTP limit is set for uploads (far above its heap) turns this on so that one
     * chunked JSON body cannot exhaust its memory.
     */
    @WithDefault("false")
    boolean lengthRequired();
}
