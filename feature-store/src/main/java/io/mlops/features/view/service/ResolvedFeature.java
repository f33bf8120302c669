package io.mlops.features.view.service;

/** A feature reference bound to the view version it reads and the feature's definition there. */
public record ResolvedFeature(String ref, ViewSchema view, FeatureSpec spec) {

    /** The column name in results: {@code feature}, or {@code view__feature} with full names. */
    public String outputName(boolean fullFeatureNames) {
        return fullFeatureNames ? view.name() + "__" + spec.name() : spec.name();
    }
}
