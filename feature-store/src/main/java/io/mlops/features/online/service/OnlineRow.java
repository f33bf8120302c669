package io.mlops.features.online.service;

import java.time.Instant;
import java.util.Map;

/**
 * The online value of one (view, entity key) as cached: decoded once when loaded, so a lookup is
 * a map read per feature. {@link #ABSENT} stands for a key with no online row, cached too so that
 * unknown keys do not reach PostgreSQL on every request.
 *
 * @param eventTimestamp {@code eventTs} as RFC 3339 text, formatted once here rather than per lookup
 */
public record OnlineRow(Instant eventTs, String eventTimestamp, Map<String, Object> values) {

    public static final OnlineRow ABSENT = new OnlineRow(Instant.EPOCH, "1970-01-01T00:00:00Z", Map.of());

    public static OnlineRow of(Instant eventTs, Map<String, Object> values) {
        return new OnlineRow(eventTs, eventTs.toString(), values);
    }

    public boolean absent() {
        return this == ABSENT;
    }
}
