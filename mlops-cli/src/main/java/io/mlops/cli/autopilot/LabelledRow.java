package io.mlops.cli.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A prediction joined with its feedback label, as {@code GET /api/v1/labelled/{model}} serves it.
 * Every arm of a request has its own row under the request's {@code predictionId}.
 *
 * @param arm {@code champion}, {@code challenger} or {@code shadow}
 * @param features the raw features the version saw, by name (null when not kept)
 * @param score the probability of the version's positive label
 */
public record LabelledRow(String predictionId, int version, String arm, Instant timestamp, JsonNode features,
                          String predictedLabel, Double score, String label) {

    public static LabelledRow of(JsonNode json) {
        return new LabelledRow(json.path("predictionId").asText(), json.path("version").asInt(),
                json.path("arm").asText(), Instant.parse(json.path("timestamp").asText()),
                json.path("features").isObject() ? json.path("features") : null,
                json.path("predictedLabel").isTextual() ? json.path("predictedLabel").asText() : null,
                json.path("score").isNumber() ? json.path("score").asDouble() : null,
                json.path("label").asText());
    }
}
