package io.mlops.cli.simulate;

import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.train.EntityKeys;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Table;
import io.mlops.ml.train.NumericStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes drift real: pushes shifted values of the chosen features for every entity through the
 * feature store, so the inference service reads them, the monitor sees them in predictions, and
 * the ground truth (unchanged) no longer matches what the model was trained on.
 */
public final class DriftInjector {

    private static final int BATCH = 500;

    private DriftInjector() {
    }

    public static int inject(FeatureStoreClient store, String view, String joinKey, String labelColumn, Table table,
                             List<DriftSpec> drifts) {
        drifts.forEach(d -> d.validate(table));
        NumericStats stats = NumericStats.fit(table);
        int label = table.indexOf(labelColumn);
        String now = Instant.now().toString();
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        int pushed = 0;
        for (int r = 0; r < table.size(); r++) {
            Object[] values = table.rows().get(r);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(joinKey, EntityKeys.of(r));
            row.put("event_timestamp", now);
            for (int c = 0; c < values.length; c++) {
                Column column = table.columns().get(c);
                if (c != label) {
                    row.put(column.name(), values[c]);
                }
            }
            for (DriftSpec drift : drifts) {
                int c = table.indexOf(drift.feature());
                double std = table.column(drift.feature()).isNumeric() ? stats.std(drift.feature()) : 0;
                row.put(drift.feature(), drift.apply(values[c], std));
            }
            batch.add(row);
            if (batch.size() == BATCH || r == table.size() - 1) {
                store.push(view, "online_and_offline", batch);
                pushed += batch.size();
                batch = new ArrayList<>(BATCH);
            }
        }
        return pushed;
    }
}
