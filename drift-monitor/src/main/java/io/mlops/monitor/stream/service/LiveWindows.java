package io.mlops.monitor.stream.service;

import io.mlops.monitor.reference.service.VersionKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * A read-only view of the open windows for the API, refreshed at every checkpoint, so request
 * threads never touch the stream thread's state.
 */
@ApplicationScoped
public class LiveWindows {

    /** Progress of an open window. */
    public record OpenWindow(long sequence, long rows, long events, Instant start, Instant lastEvent) {
    }

    private volatile Map<VersionKey, OpenWindow> open = Map.of();

    void publish(Map<VersionKey, OpenWindow> snapshot) {
        open = Map.copyOf(snapshot);
    }

    public OpenWindow of(VersionKey key) {
        return open.get(key);
    }
}
