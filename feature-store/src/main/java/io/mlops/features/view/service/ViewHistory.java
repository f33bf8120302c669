package io.mlops.features.view.service;

import java.time.Instant;
import java.util.Map;

/** Every version of one feature view. */
public record ViewHistory(String name, int latestVersion, Map<Integer, ViewSchema> versions,
                          Instant createdAt, Instant updatedAt) {

    public ViewSchema latest() {
        return versions.get(latestVersion);
    }

    /** The given version, or null. */
    public ViewSchema version(int version) {
        return versions.get(version);
    }
}
