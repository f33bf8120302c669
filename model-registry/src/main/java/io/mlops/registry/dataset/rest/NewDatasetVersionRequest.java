package io.mlops.registry.dataset.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /api/v1/datasets/{name}/versions}. */
public record NewDatasetVersionRequest(String digest, Long rows, JsonNode schema, String location, String description) {
}
