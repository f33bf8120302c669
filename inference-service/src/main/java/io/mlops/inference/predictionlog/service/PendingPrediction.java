package io.mlops.inference.predictionlog.service;

import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A prediction waiting to be logged. Its rows are built on the log's thread, not the request's:
 * the request only hands over the arrays it already has.
 *
 * @param heldBytes about how much memory those arrays hold while it waits: the log's queue is
 *     bounded by it as well as by count, since one batched OIP request may hold megabytes
 */
public record PendingPrediction(String predictionId, String requestId, String model, int version, String alias,
                                Arm arm, Supplier<List<PredictionRow>> rows, double latencyMs, Instant timestamp,
                                String actor, String traceparent, long heldBytes) {

    public Prediction toPrediction() {
        return new Prediction(predictionId, requestId, model, version, alias, arm, rows.get(), latencyMs, timestamp);
    }
}
