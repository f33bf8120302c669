package io.mlops.ml.train;

import io.mlops.ml.data.Table;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models trained here are binary classifiers: the label column must hold exactly two values,
 * one of them the positive label. Checked before anything is pushed, logged or trained, so a
 * three-class or single-class data set is refused at once with the counts that explain why.
 */
public final class BinaryLabels {

    private BinaryLabels() {
    }

    /** Label value to its number of rows; throws {@link IllegalArgumentException} unless binary with the positive label. */
    public static Map<String, Integer> require(Table table, String labelColumn, String positiveLabel) {
        int index = table.indexOf(labelColumn);
        Map<String, Integer> counts = new TreeMap<>();
        int missing = 0;
        for (Object[] row : table.rows()) {
            if (row[index] == null) {
                missing++;
            } else {
                counts.merge(row[index].toString(), 1, Integer::sum);
            }
        }
        if (missing > 0) {
            throw new IllegalArgumentException(table.name() + ": " + missing + " rows have no value in label column '"
                    + labelColumn + "'");
        }
        if (counts.size() != 2) {
            throw new IllegalArgumentException(table.name() + ": a binary classifier needs exactly two values in label column '"
                    + labelColumn + "', found " + counts.size() + " " + counts);
        }
        if (!counts.containsKey(positiveLabel)) {
            throw new IllegalArgumentException(table.name() + ": positive label '" + positiveLabel
                    + "' is not a value of label column '" + labelColumn + "' " + counts.keySet());
        }
        return counts;
    }
}
