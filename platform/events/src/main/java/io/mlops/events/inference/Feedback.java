package io.mlops.events.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The true outcome of an earlier prediction; joined by {@code predictionId} for live accuracy and
 * retraining data.
 *
 * @param label the true label as the model's {@code labels} spell it (a JSON number is read as its
 *     text, which is how regression targets travel)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Feedback(String predictionId, String label, Instant timestamp) {
}
