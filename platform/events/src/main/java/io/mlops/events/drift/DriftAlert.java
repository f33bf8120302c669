package io.mlops.events.drift;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An alert of drift-monitor, the {@code data} of {@code drift.detected}, {@code drift.resolved} and
 * {@code performance.degraded}; the same JSON as {@code GET /api/v1/alerts}.
 *
 * @param features the drifted features (empty for a performance alert)
 * @param driftedShare share of features that drifted, 0 to 1
 * @param metric for performance alerts, the metric that crossed its threshold (e.g. {@code auc})
 * @param value for performance alerts, that metric's value
 * @param threshold the limit that was crossed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriftAlert(
        String alertId,
        String model,
        int version,
        AlertScope scope,
        List<String> features,
        double driftedShare,
        String metric,
        Double value,
        double threshold,
        Instant windowStart,
        Instant windowEnd) {
}
