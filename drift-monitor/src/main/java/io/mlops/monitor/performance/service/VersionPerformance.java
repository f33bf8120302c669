package io.mlops.monitor.performance.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.monitor.drift.service.ColumnDrift;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Live quality of one version over its latest labelled predictions; an entry of
 * {@code GET /api/v1/performance/{model}}.
 *
 * @param labelCount labelled predictions the metrics are computed over (at most {@code window})
 * @param metrics accuracy, precision, recall, f1, auc, logLoss (classification) or mae, rmse (regression)
 * @param baseline the metrics registered with the version, for comparison
 * @param limits the value each metric must not fall below
 * @param degraded metrics currently past their limit
 * @param targetDrift the label distribution against the reference outputs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionPerformance(
        int version,
        long labelCount,
        int window,
        boolean enoughLabels,
        Map<String, Double> metrics,
        Map<String, Double> baseline,
        Map<String, Double> limits,
        List<String> degraded,
        ColumnDrift targetDrift,
        Instant from,
        Instant to) {
}
