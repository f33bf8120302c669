package io.mlops.registry.tracking.experiment.rest;

import java.util.Map;

/** Body of {@code POST /api/v1/experiments}. */
public record CreateExperimentRequest(String name, String description, Map<String, String> tags) {
}
