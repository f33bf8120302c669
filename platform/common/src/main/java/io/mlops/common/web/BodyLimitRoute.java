package io.mlops.common.web;

import io.vertx.core.http.HttpMethod;

/**
 * A route whose bodies have a limit other than {@code mlops.http.body.max-size}, such as an
 * artifact upload. A service declares one as a bean; {@link BodySizeGuard} uses the first that
 * matches a request.
 */
public interface BodyLimitRoute {

    /** Whether this limit applies to a request. */
    boolean matches(HttpMethod method, String path);

    /** Largest body accepted on this route, in bytes. */
    long maxBytes();

    /** What the limit is for, ending the 413 detail: e.g. {@code for an upload (artifact up to 256 MiB)}. */
    String describe();
}
