package io.mlops.monitor.stream.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlops.events.EventJson;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.monitor.labels.service.FeatureCodec;
import io.mlops.monitor.labels.service.FeatureDictionary;
import io.mlops.monitor.labels.service.PendingPrediction;
import java.util.List;
import java.util.Map;

/** Keeps what the label join needs of a single-row prediction: outputs, probabilities and features. */
final class PendingCapture {

    private PendingCapture() {
    }

    /**
     * The pending row, or {@code null} for a batch (one label per prediction id cannot name a row of a batch).
     *
     * @param dictionary the version's reference features, or {@code null} while the version is unresolved
     */
    static PendingPrediction of(DecodedPrediction d, FeatureDictionary dictionary) {
        Prediction p = d.prediction();
        if (p.rows().size() != 1) {
            return null;
        }
        PredictionRow row = p.rows().get(0);
        return PendingPrediction.of(p.predictionId(), p.arm().wireName(), p.model(), p.version(), d.timestamp(),
                row.predictedLabel(), row.score(), probabilities(row.outputs()), row.features() == null ? null
                : FeatureCodec.encode(row.features(), dictionary == null ? null : dictionary.names(),
                        dictionary == null ? null : dictionary.index()));
    }

    /** The first output that is a list of numbers: the per-label probabilities of a classifier. */
    private static String probabilities(Map<String, Object> outputs) {
        if (outputs == null) {
            return null;
        }
        for (Object value : outputs.values()) {
            if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof Number)) {
                return json(list);
            }
        }
        return null;
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
