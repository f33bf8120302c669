package io.mlops.features.view.service;

/** The type of a feature's values, as Feast names its primitive types. */
public enum ValueType {
    /** JSON integers within 64 bits, kept as {@link Long}. */
    INT64,
    /** JSON numbers, kept as {@link Double}; an integer is accepted and widened. */
    DOUBLE,
    /** JSON strings. */
    STRING,
    /** JSON {@code true} / {@code false}. */
    BOOL
}
