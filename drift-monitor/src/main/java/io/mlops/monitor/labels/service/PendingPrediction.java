package io.mlops.monitor.labels.service;

import io.mlops.monitor.db.CopyText;
import java.time.Instant;

/**
 * A single-row prediction waiting for its label, kept compactly: the outputs needed for metrics
 * and the features needed for retraining.
 *
 * @param probabilitiesJson the per-label probabilities of a multiclass model, as a JSON array, when known
 * @param features the row's features packed by {@link FeatureCodec}
 * @param copyRow this prediction as a row of the pending table in COPY text format, built where the
 *     event was parsed (off the stream thread)
 */
public record PendingPrediction(String predictionId, String arm, String model, int version, Instant predictedAt,
                                String predictedLabel, Double score, String probabilitiesJson, byte[] features,
                                String copyRow) {

    /** The pending table's columns in {@link #copyRow}'s order. */
    public static final String COPY_COLUMNS =
            "prediction_id, arm, model, version, predicted_at, predicted_label, score, probabilities, features";

    public static PendingPrediction of(String predictionId, String arm, String model, int version, Instant predictedAt,
                                       String predictedLabel, Double score, String probabilitiesJson, byte[] features) {
        String row = new CopyText().text(predictionId).text(arm).text(model).number(version).time(predictedAt)
                .text(predictedLabel).number(score).text(probabilitiesJson).bytes(features).endRow().content().toString();
        return new PendingPrediction(predictionId, arm, model, version, predictedAt, predictedLabel, score,
                probabilitiesJson, features, row);
    }
}
