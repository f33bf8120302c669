package io.mlops.inference.traffic.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A deployment as {@code GET /api/v1/deployments/{model}} shows it: the split, and what each
 * alias really serves on this replica right now.
 *
 * @param loaded alias to the version loaded for it
 * @param loading alias to the version being loaded (a swap in progress)
 * @param failures alias to why its last load gave up (the previous version, if any, keeps serving)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentView(String model, String champion, String challenger, int challengerPercent, boolean shadow,
                             String missingFeatures, long revision, Instant updatedAt, String updatedBy,
                             Map<String, LoadedVersion> loaded, Map<String, Integer> loading,
                             Map<String, String> failures) {

    /** One loaded version. */
    public record LoadedVersion(int version, String sha256, Instant loadedAt) {
    }
}
