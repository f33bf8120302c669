package io.mlops.registry.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

/** The W3C {@code traceparent} of the current request, passed on to the events it causes. */
@RequestScoped
public class RequestTrace {

    public static final String HEADER = "traceparent";

    private final String traceparent;

    public RequestTrace(@Context HttpHeaders headers) {
        this.traceparent = headers == null ? null : headers.getHeaderString(HEADER);
    }

    /** The header as received, or {@code null}; CloudEvent drops it if it is not valid W3C syntax. */
    public String traceparent() {
        return traceparent;
    }
}
