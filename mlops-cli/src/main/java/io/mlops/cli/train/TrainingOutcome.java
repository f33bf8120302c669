package io.mlops.cli.train;

import java.util.Map;

/** What a training run produced and where it was recorded. */
public record TrainingOutcome(
        String model,
        int version,
        String sha256,
        String runId,
        String experimentId,
        String datasetDigest,
        int datasetVersion,
        Map<String, Double> metrics,
        double exportDifference) {

    /** A held-out metric to three decimals, or "undefined" (AUC when the test split held one class). */
    public String shown(String metric) {
        Double value = metrics.get(metric);
        return value == null ? "undefined" : String.format("%.3f", value);
    }
}
