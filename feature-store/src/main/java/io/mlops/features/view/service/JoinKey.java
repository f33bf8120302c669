package io.mlops.features.view.service;

import io.mlops.features.entity.service.KeyType;

/** The join key a view inherits from one of its entities, copied into each version. */
public record JoinKey(String entity, String name, KeyType type) {
}
