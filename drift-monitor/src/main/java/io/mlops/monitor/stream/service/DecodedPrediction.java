package io.mlops.monitor.stream.service;

import io.mlops.events.inference.Prediction;
import io.mlops.monitor.labels.service.PendingPrediction;
import io.mlops.monitor.reference.service.VersionKey;
import java.time.Instant;

/**
 * A prediction event that passed validation.
 *
 * @param timestamp the prediction's time, or the event's when the prediction has none
 * @param pending what the label join keeps of it, when prepared ahead (single-row predictions only)
 */
public record DecodedPrediction(Prediction prediction, Instant timestamp, PendingPrediction pending) {

    public DecodedPrediction(Prediction prediction, Instant timestamp) {
        this(prediction, timestamp, null);
    }

    /** This prediction with what the label join will keep of it. */
    public DecodedPrediction withPending(PendingPrediction pending) {
        return new DecodedPrediction(prediction, timestamp, pending);
    }

    public VersionKey key() {
        return new VersionKey(prediction.model(), prediction.version());
    }

    public int rows() {
        return prediction.rows().size();
    }
}
