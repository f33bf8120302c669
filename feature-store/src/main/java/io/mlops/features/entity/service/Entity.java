package io.mlops.features.entity.service;

import java.time.Instant;
import java.util.Map;

/**
 * A thing features describe (a customer, a driver), identified by the values of its join key.
 * Entities are immutable: feature views copy the join key into their versions and rows are keyed
 * by it, so changing it would orphan stored data.
 */
public record Entity(String name, String joinKey, KeyType valueType, String description,
                     Map<String, String> tags, Instant createdAt, String createdBy) {
}
