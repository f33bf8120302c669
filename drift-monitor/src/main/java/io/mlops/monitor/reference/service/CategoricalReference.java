package io.mlops.monitor.reference.service;

import java.util.Map;

/** A categorical reference column: exact counts per category. */
public record CategoricalReference(String name, long count, long nullCount, Map<String, Long> counts)
        implements ColumnReference {

    public long countOf(String category) {
        return counts.getOrDefault(category, 0L);
    }
}
