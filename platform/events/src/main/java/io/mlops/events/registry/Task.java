package io.mlops.events.registry;

/** What a model predicts; it decides how {@code score} and {@code predictedLabel} are read. */
public enum Task {
    BINARY_CLASSIFICATION,
    MULTICLASS,
    REGRESSION
}
