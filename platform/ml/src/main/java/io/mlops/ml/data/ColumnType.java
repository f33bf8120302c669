package io.mlops.ml.data;

/** How a column is modelled: a number, or one of a set of categories (one-hot encoded). */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL
}
