package io.mlops.features.entity.rest;

import io.mlops.features.entity.service.KeyType;
import java.util.Map;

/** Body of {@code POST /entities}. */
public record EntityRequest(String name, String joinKey, KeyType valueType, String description,
                            Map<String, String> tags) {
}
