package io.mlops.events.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The log of one request on one arm; a shadowed request yields two events with the same
 * {@code predictionId}, so consumers deduplicate by {@code predictionId} and {@code arm}.
 *
 * @param requestId the caller's id, when it gave one
 * @param alias the alias the version was served under
 * @param rows one per observation; a batch of n rows is n observations
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prediction(
        String predictionId,
        String requestId,
        String model,
        int version,
        String alias,
        Arm arm,
        List<PredictionRow> rows,
        double latencyMs,
        Instant timestamp) {
}
