package io.mlops.features.entity.service;

/** The type of an entity's join key values. */
public enum KeyType {
    /** JSON integers, kept as {@link Long}. */
    INT64,
    /** Non-empty JSON strings. */
    STRING
}
