package io.mlops.monitor.labels.service;

import java.time.Instant;

/** A prediction joined with its true label: one row of retraining data and one point of live performance. */
public record LabelledRow(String predictionId, String arm, String model, int version, Instant predictedAt,
                          String featuresJson, String predictedLabel, Double score, String probabilitiesJson,
                          String label, Instant labelledAt) {

    static LabelledRow of(PendingPrediction p, String featuresJson, String label, Instant labelledAt) {
        return new LabelledRow(p.predictionId(), p.arm(), p.model(), p.version(), p.predictedAt(), featuresJson,
                p.predictedLabel(), p.score(), p.probabilitiesJson(), label, labelledAt);
    }
}
