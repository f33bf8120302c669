package io.mlops.registry.version.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything an insert of a version writes. */
public record NewVersion(
        long modelId,
        int version,
        String sha256,
        long sizeBytes,
        String artifactKey,
        UUID runId,
        Long datasetVersionId,
        String description,
        Map<String, String> tags,
        Task task,
        List<String> labels,
        String positiveLabel,
        Signature signature,
        List<String> featureRefs,
        List<Encoding> encodings,
        Map<String, Double> metrics,
        Map<String, String> params,
        JsonNode referenceProfile,
        Instant createdAt,
        String createdBy) {
}
