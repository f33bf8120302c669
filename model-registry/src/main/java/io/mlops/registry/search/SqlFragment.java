package io.mlops.registry.search;

import java.util.List;

/** A piece of SQL and the values of its {@code ?} placeholders, in order. */
public record SqlFragment(String sql, List<Object> params) {

    public static final SqlFragment TRUE = new SqlFragment("TRUE", List.of());
}
