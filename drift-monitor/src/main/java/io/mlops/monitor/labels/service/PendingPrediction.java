package io.mlops.monitor.labels.service;

import java.time.Instant;

/**
 * A single-row prediction waiting for its label, kept compactly: the outputs needed for metrics
 * and the features (as JSON) needed for retraining.
 *
 * @param probabilitiesJson the per-label probabilities of a multiclass model, as a JSON array, when known
 */
public record PendingPrediction(String predictionId, String arm, String model, int version, Instant predictedAt,
                                String predictedLabel, Double score, String probabilitiesJson, String featuresJson) {
}
