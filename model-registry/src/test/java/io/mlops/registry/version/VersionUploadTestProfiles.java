package io.mlops.registry.version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A valid reference profile in the API.md format. */
public final class VersionUploadTestProfiles {

    private VersionUploadTestProfiles() {
    }

    public static Map<String, Object> profile() {
        List<Double> quantiles = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            quantiles.add(18.0 + i * 0.5);
        }
        return Map.of("features", Map.of(
                        "age", Map.of("type", "numeric", "count", 1000, "mean", 41.2, "std", 9.1, "min", 18, "max", 68,
                                "nullCount", 0, "quantiles", quantiles, "sample", List.of(20, 30, 40)),
                        "plan", Map.of("type", "categorical", "count", 20, "nullCount", 1,
                                "counts", Map.of("basic", 12, "pro", 7))),
                "score", Map.of("type", "numeric", "count", 1000, "mean", 0.3, "std", 0.2, "min", 0, "max", 1,
                        "nullCount", 0, "quantiles", Collections.nCopies(101, 0.3)));
    }
}
