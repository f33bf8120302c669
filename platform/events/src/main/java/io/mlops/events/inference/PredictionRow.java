package io.mlops.events.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One observation of a {@link Prediction}: what the model saw and what it answered.
 *
 * @param features raw feature values (before one-hot), by feature name; drift is measured on these
 * @param outputs model outputs by output name
 * @param predictedLabel the argmax label; {@code null} for regression
 * @param score probability of the positive label (binary), or the value (regression)
 * @param featureTimestamps event time of each online feature value, for freshness
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PredictionRow(
        Map<String, Object> features,
        Map<String, Object> outputs,
        String predictedLabel,
        Double score,
        Map<String, Instant> featureTimestamps) {
}
