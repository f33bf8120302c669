package io.mlops.inference.feedback.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/feedback}.
 *
 * @param label the true label as the model's labels spell it, or a number for regression
 * @param timestamp RFC 3339 time the outcome was observed; now when absent
 */
public record FeedbackRequest(String predictionId, JsonNode label, String timestamp) {
}
