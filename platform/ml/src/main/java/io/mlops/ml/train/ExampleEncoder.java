package io.mlops.ml.train;

import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Turns table rows into Tribuo examples: a numeric column becomes one standardised feature named
 * after the column; a categorical value becomes the feature {@code <column>=<value>} with value 1
 * (one-hot), so the model's columns can be mapped back to raw features and categories.
 */
public final class ExampleEncoder {

    public static final char CATEGORY_SEPARATOR = '=';

    private final List<Column> features;
    private final int[] featureIndexes;
    private final int labelIndex;
    private final NumericStats stats;

    public ExampleEncoder(Table table, String labelColumn, NumericStats stats) {
        this.labelIndex = table.indexOf(labelColumn);
        this.stats = stats;
        List<Column> columns = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (i != labelIndex) {
                columns.add(table.columns().get(i));
                indexes.add(i);
            }
        }
        this.features = List.copyOf(columns);
        this.featureIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The raw feature columns, i.e. every column but the label. */
    public List<Column> features() {
        return features;
    }

    public String label(Object[] row) {
        Object label = row[labelIndex];
        if (label == null) {
            throw new IllegalArgumentException("a training row has no label");
        }
        return label.toString();
    }

    public Example<Label> encode(Object[] row) {
        ArrayExample<Label> example = new ArrayExample<>(new Label(label(row)));
        for (int i = 0; i < features.size(); i++) {
            Column column = features.get(i);
            Object value = row[featureIndexes[i]];
            if (column.isNumeric()) {
                example.add(column.name(), stats.standardise(column.name(), (Double) value));
            } else if (value != null) {
                example.add(column.name() + CATEGORY_SEPARATOR + value, 1.0);
            }
        }
        return example;
    }

    /** The raw value of a feature in a row of the table this encoder was made for. */
    public Object raw(Object[] row, int featureIndex) {
        return row[featureIndexes[featureIndex]];
    }
}
