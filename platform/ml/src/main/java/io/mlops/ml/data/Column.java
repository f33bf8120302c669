package io.mlops.ml.data;

import java.util.List;

/**
 * One column of a table.
 *
 * @param categories the declared categories of a categorical column, in declaration order (empty
 *     when the source declares none); numeric columns have none
 */
public record Column(String name, ColumnType type, List<String> categories) {

    public Column {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static Column numeric(String name) {
        return new Column(name, ColumnType.NUMERIC, List.of());
    }

    public static Column categorical(String name, List<String> categories) {
        return new Column(name, ColumnType.CATEGORICAL, categories);
    }

    public boolean isNumeric() {
        return type == ColumnType.NUMERIC;
    }
}
