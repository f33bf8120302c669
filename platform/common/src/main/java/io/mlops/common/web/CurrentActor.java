package io.mlops.common.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who made the current request. There is no authentication yet, so writes are attributed to the
 * {@code X-Actor} header when a client sends one, else to {@code anonymous}.
 */
@RequestScoped
public class CurrentActor {

    public static final String HEADER = "X-Actor";
    public static final String ANONYMOUS = "anonymous";
    private static final int MAX_LENGTH = 200;

    private final String name;

    public CurrentActor(@Context HttpHeaders headers) {
        this.name = normalise(headers == null ? null : headers.getHeaderString(HEADER));
    }

    public String name() {
        return name;
    }

    /**
     * The actor named by a raw {@code X-Actor} value. Hot paths read the header as a parameter and
     * call this, which skips creating this request-scoped bean and its headers view per request.
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return ANONYMOUS;
        }
        String trimmed = raw.strip();
        return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
    }
}
