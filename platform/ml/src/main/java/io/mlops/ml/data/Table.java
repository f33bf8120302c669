package io.mlops.ml.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tabular data set in memory. Each row holds, per column, a {@link Double} (numeric), a
 * {@link String} (categorical) or {@code null} (missing).
 *
 * @param digest {@code sha256:<hex>} of the source bytes, which identifies this exact data set version
 */
public record Table(String name, List<Column> columns, List<Object[]> rows, String digest) {

    public Table {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != columns.size()) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).length
                        + " values but the table has " + columns.size() + " columns");
            }
        }
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' in " + name);
    }

    public Column column(String name) {
        return columns.get(indexOf(name));
    }

    public int size() {
        return rows.size();
    }

    /** The same table with only the given rows, in that order (for train/test splits). */
    public Table select(int[] rowIndexes) {
        List<Object[]> selected = new ArrayList<>(rowIndexes.length);
        for (int index : rowIndexes) {
            selected.add(rows.get(index));
        }
        return new Table(name, columns, selected, digest);
    }
}
