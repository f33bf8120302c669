package io.mlops.monitor.stream.service;

import io.mlops.events.inference.Prediction;
import io.mlops.monitor.reference.service.VersionKey;
import java.time.Instant;

/**
 * A prediction event that passed validation.
 *
 * @param timestamp the prediction's time, or the event's when the prediction has none
 */
public record DecodedPrediction(Prediction prediction, Instant timestamp) {

    public VersionKey key() {
        return new VersionKey(prediction.model(), prediction.version());
    }

    public int rows() {
        return prediction.rows().size();
    }
}
