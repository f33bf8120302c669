package io.mlops.monitor.reference.service;

/** The reference distribution of one column (a raw feature or a model output). */
public sealed interface ColumnReference permits NumericReference, CategoricalReference {

    String name();

    /** Non-null reference values: the reference size Evidently's method choice looks at. */
    long count();

    long nullCount();
}
