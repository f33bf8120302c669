package io.mlops.monitor.labels.service;

import io.mlops.monitor.db.CopyBinary;
import java.time.Instant;

/**
 * A single-row prediction waiting for its label, kept compactly: the outputs needed for metrics
 * and the features needed for retraining.
 *
 * @param probabilitiesJson the per-label probabilities of a multiclass model, as a JSON array, when known
 * @param features the row's features packed by {@link FeatureCodec}
 * @param copyTuple this prediction as a tuple of the pending table in the binary COPY format, built
 *     where the event was parsed (off the stream thread)
 */
public record PendingPrediction(String predictionId, String arm, String model, int version, Instant predictedAt,
                                String predictedLabel, Double score, String probabilitiesJson, byte[] features,
                                byte[] copyTuple) {

    /** The pending table's columns in {@link #copyTuple}'s order. */
    public static final String COPY_COLUMNS =
            "prediction_id, arm, model, version, predicted_at, predicted_label, score, probabilities, features";

    public static PendingPrediction of(String predictionId, String arm, String model, int version, Instant predictedAt,
                                       String predictedLabel, Double score, String probabilitiesJson, byte[] features) {
        byte[] tuple = new CopyBinary(9, 160 + (features == null ? 0 : features.length))
                .text(predictionId).text(arm).text(model).int4(version).timestamptz(predictedAt)
                .text(predictedLabel).float8(score).text(probabilitiesJson).bytes(features).toBytes();
        return new PendingPrediction(predictionId, arm, model, version, predictedAt, predictedLabel, score,
                probabilitiesJson, features, tuple);
    }
}
