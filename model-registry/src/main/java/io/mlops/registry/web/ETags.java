package io.mlops.registry.web;

import io.mlops.common.error.PlatformException;
import jakarta.ws.rs.core.EntityTag;

/**
 * Strong ETags built from a row's revision counter, and the If-Match check: a stale tag is a 409
 * {@code CONFLICT}, which tells the client to re-read and retry.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /** Passes when {@code ifMatch} is absent, {@code *}, or lists the current revision's tag. */
    public static void check(String ifMatch, long currentRevision, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String expected = Long.toString(currentRevision);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return;
            }
            if (tag.startsWith("W/")) {
                continue; // If-Match compares strongly (RFC 9110): a weak tag never matches
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(expected)) {
                return;
            }
        }
        throw PlatformException.conflict(what + " changed since it was read (If-Match " + ifMatch.strip()
                + ", current ETag \"" + expected + "\"); read it again and retry");
    }
}
