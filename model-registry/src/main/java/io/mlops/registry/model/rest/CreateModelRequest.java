package io.mlops.registry.model.rest;

import java.util.Map;

/** Body of {@code POST /api/v1/models}. */
public record CreateModelRequest(String name, String description, Map<String, String> tags) {
}
