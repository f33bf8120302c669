package io.mlops.monitor.labels.repository;

import io.mlops.monitor.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads joined rows for export, streaming, in prediction-time order. */
@ApplicationScoped
public class LabelledExport {

    /** Receives one row at a time. */
    @FunctionalInterface
    public interface Sink {
        void row(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    private final Db db;

    public LabelledExport(Db db) {
        this.db = db;
    }

    /** Feature names present in the selected rows, sorted: the CSV's feature columns. */
    public List<String> featureNames(String model, Integer version, Instant from, Instant to) {
        List<Object> args = new ArrayList<>(List.of(model, from, to));
        String filter = version == null ? "" : " AND version = ?";
        if (version != null) {
            args.add(version);
        }
        return db.list("SELECT DISTINCT k FROM labelled_prediction, jsonb_object_keys(features) AS k "
                + "WHERE model = ? AND predicted_at >= ? AND predicted_at < ?" + filter + " AND features IS NOT NULL "
                + "ORDER BY k", args, rs -> rs.getString("k"));
    }

    public void stream(String model, Integer version, Instant from, Instant to, int limit, Sink sink) {
        List<Object> args = new ArrayList<>(List.of(model, from, to));
        String filter = version == null ? "" : " AND version = ?";
        if (version != null) {
            args.add(version);
        }
        args.add(limit);
        db.stream("SELECT prediction_id, arm, model, version, predicted_at, features::text AS features, predicted_label, "
                        + "score, label, labelled_at FROM labelled_prediction WHERE model = ? AND predicted_at >= ? "
                        + "AND predicted_at < ?" + filter + " ORDER BY predicted_at, prediction_id, arm LIMIT ?",
                args, 1_000, rs -> {
                    sink.row(rs);
                    return null;
                });
    }
}
