package io.mlops.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a training table from the feature store's point-in-time answer: feature values come
 * from the store (as inference will see them), labels from the source data set by entity key.
 */
final class TrainingSetBuilder {

    private TrainingSetBuilder() {
    }

    static Table fromHistorical(Table source, String labelColumn, String view, String joinKey, JsonNode historical) {
        int label = source.indexOf(labelColumn);
        Map<Long, Object> labelsByKey = new HashMap<>();
        for (int r = 0; r < source.size(); r++) {
            labelsByKey.put(EntityKeys.of(r), source.rows().get(r)[label]);
        }
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode answer : historical.path("rows")) {
            long key = answer.path(joinKey).asLong();
            Object[] row = new Object[source.columns().size()];
            for (int c = 0; c < row.length; c++) {
                Column column = source.columns().get(c);
                if (c == label) {
                    row[c] = labelsByKey.get(key);
                    continue;
                }
                JsonNode value = answer.has(column.name()) ? answer.get(column.name())
                        : answer.path(view + "__" + column.name());
                row[c] = value.isMissingNode() || value.isNull() ? null
                        : column.isNumeric() ? (Object) value.asDouble() : value.asText();
            }
            if (row[label] == null) {
                throw new IllegalStateException("the feature store returned entity " + key
                        + ", which the data set does not have");
            }
            if (noFeatures(row, label)) {
                // The point-in-time join found no row of the view for this entity at that time: training
                // on it would teach the model that every feature is missing.
                throw new IllegalStateException("the feature store has no features of entity " + key + " in view "
                        + view + " at the training time; were the rows pushed with a later event time?");
            }
            rows.add(row);
        }
        if (rows.size() != source.size()) {
            throw new IllegalStateException("the feature store returned " + rows.size() + " training rows for "
                    + source.size() + " entities");
        }
        return new Table(source.name(), source.columns(), rows, source.digest());
    }

    private static boolean noFeatures(Object[] row, int label) {
        for (int c = 0; c < row.length; c++) {
            if (c != label && row[c] != null) {
                return false;
            }
        }
        return row.length > 1;
    }
}
