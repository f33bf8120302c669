package io.mlops.registry.search;

/** One key of an {@code orderBy}, e.g. {@code metrics.auc DESC}. */
public record SortKey(Filter.FieldRef field, boolean descending, int position) {
}
