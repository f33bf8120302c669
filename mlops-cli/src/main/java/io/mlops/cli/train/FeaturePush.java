package io.mlops.cli.train;

import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** Declares a data set's entity and feature view in the feature store and pushes its rows. */
final class FeaturePush {

    static final int BATCH = 500;

    private FeaturePush() {
    }

    static List<Map<String, String>> featureSpecs(Table table, String labelColumn) {
        List<Map<String, String>> specs = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.name().equals(labelColumn)) {
                specs.add(Map.of("name", column.name(), "type", column.isNumeric() ? "DOUBLE" : "STRING"));
            }
        }
        return specs;
    }

    /** Pushes every row, online and offline, stamped {@code eventTime}; reports rows sent so far. */
    static void pushRows(FeatureStoreClient store, TrainingRequest request, Table table, Instant eventTime,
                         IntConsumer progress) {
        int label = table.indexOf(request.labelColumn());
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        for (int r = 0; r < table.size(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(request.joinKey(), EntityKeys.of(r));
            row.put("event_timestamp", eventTime.toString());
            Object[] values = table.rows().get(r);
            for (int c = 0; c < values.length; c++) {
                if (c != label) {
                    row.put(table.columns().get(c).name(), values[c]);
                }
            }
            batch.add(row);
            if (batch.size() == BATCH || r == table.size() - 1) {
                store.push(request.view(), "online_and_offline", batch);
                progress.accept(r + 1);
                batch = new ArrayList<>(BATCH);
            }
        }
    }
}
