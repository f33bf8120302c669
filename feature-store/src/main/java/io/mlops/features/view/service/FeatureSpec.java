package io.mlops.features.view.service;

/** One feature of a feature view version. */
public record FeatureSpec(String name, ValueType type) {
}
