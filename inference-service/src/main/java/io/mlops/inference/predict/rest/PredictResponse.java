package io.mlops.inference.predict.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A feature-joined prediction, with its lineage: which version under which alias and arm answered,
 * from which feature values observed when.
 *
 * @param probabilities label to probability, for classifiers
 * @param outputs every model output by name (a scalar when it holds one value)
 * @param features the raw values the model saw (before one-hot), by feature name
 * @param featureTimestamps event time of each value the feature store gave
 * @param imputed features that had no value and were imputed from the reference profile
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictResponse(String predictionId, String requestId, String model, int version, String alias,
                              String arm, String predictedLabel, Double score, Map<String, Double> probabilities,
                              Map<String, Object> outputs, Map<String, Object> features,
                              Map<String, Instant> featureTimestamps, List<String> imputed) {
}
