package io.mlops.inference.feedback.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to accepted feedback: it is on the broker.
 *
 * @param model the prediction's model when this replica issued it, else absent
 * @param knownPrediction whether this replica issued the prediction (another replica may have)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackAccepted(String predictionId, String model, boolean knownPrediction) {
}
