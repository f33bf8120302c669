package io.mlops.monitor.labels.repository;

import io.mlops.monitor.db.Db;
import io.mlops.monitor.labels.service.EarlyLabel;
import io.mlops.monitor.labels.service.LabelledRow;
import io.mlops.monitor.labels.service.PendingPrediction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pending predictions, early labels and joined rows. Writes expect the checkpoint's transaction. */
@ApplicationScoped
public class LabelRepository {

    private static final String LABELLED_COLUMNS = "prediction_id, arm, model, version, predicted_at, features::text AS features, "
            + "predicted_label, score, probabilities::text AS probabilities, label, labelled_at";

    private final Db db;

    public LabelRepository(Db db) {
        this.db = db;
    }

    /** Bulk insert through COPY of rows prepared when the events were parsed: one round trip per checkpoint. */
    public void copyPending(Collection<PendingPrediction> rows) {
        if (rows.isEmpty()) {
            return;
        }
        db.copy("pending_prediction", PendingPrediction.COPY_COLUMNS, rows.stream().map(PendingPrediction::copyTuple).toList());
    }

    public List<PendingPrediction> findPending(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.list("SELECT DISTINCT ON (prediction_id, arm) prediction_id, arm, model, version, predicted_at, "
                        + "predicted_label, score, probabilities, features "
                        + "FROM pending_prediction WHERE prediction_id = ANY(?) ORDER BY prediction_id, arm, received_at",
                Db.args((Object) ids.toArray(String[]::new)), rs -> new PendingPrediction(rs.getString("prediction_id"),
                        rs.getString("arm"), rs.getString("model"), rs.getInt("version"), Db.instant(rs, "predicted_at"),
                        rs.getString("predicted_label"), Db.nullableDouble(rs, "score"), rs.getString("probabilities"),
                        rs.getBytes("features"), null));
    }

    public void deletePending(Collection<String> ids) {
        if (!ids.isEmpty()) {
            db.update("DELETE FROM pending_prediction WHERE prediction_id = ANY(?)",
                    Db.args((Object) ids.toArray(String[]::new)));
        }
    }

    /** Which of these predictions' arms were joined before, as {@code predictionId + '\u0000' + arm}. */
    public Set<String> labelledArms(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.list("SELECT prediction_id, arm FROM labelled_prediction WHERE prediction_id = ANY(?)",
                Db.args((Object) ids.toArray(String[]::new)),
                rs -> rs.getString("prediction_id") + '\u0000' + rs.getString("arm")));
    }

    /** Inserts joined rows; a corrected label for the same prediction replaces the earlier one. */
    public void saveLabelled(Collection<LabelledRow> rows, Instant joinedAt) {
        List<List<?>> args = new ArrayList<>();
        for (LabelledRow r : rows) {
            args.add(Db.args(r.predictionId(), r.arm(), r.model(), r.version(), r.predictedAt(),
                    r.featuresJson() == null ? null : new Db.Json(r.featuresJson()), r.predictedLabel(), r.score(),
                    r.probabilitiesJson() == null ? null : new Db.Json(r.probabilitiesJson()), r.label(),
                    r.labelledAt(), joinedAt));
        }
        db.batch("INSERT INTO labelled_prediction (prediction_id, arm, model, version, predicted_at, features, "
                + "predicted_label, score, probabilities, label, labelled_at, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (prediction_id, arm) DO UPDATE SET label = EXCLUDED.label, "
                + "labelled_at = EXCLUDED.labelled_at, joined_at = EXCLUDED.joined_at", args);
    }

    public void saveEarly(Collection<EarlyLabel> labels) {
        List<List<?>> args = new ArrayList<>();
        for (EarlyLabel l : labels) {
            args.add(Db.args(l.predictionId(), l.label(), l.labelledAt(), l.receivedAt()));
        }
        db.batch("INSERT INTO early_label (prediction_id, label, labelled_at, received_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (prediction_id) DO UPDATE SET label = EXCLUDED.label, labelled_at = EXCLUDED.labelled_at", args);
    }

    public List<EarlyLabel> earlyLabels(Instant since, int limit) {
        return db.list("SELECT prediction_id, label, labelled_at, received_at FROM early_label WHERE received_at >= ? "
                        + "ORDER BY received_at DESC LIMIT ?", Db.args(since, limit),
                rs -> new EarlyLabel(rs.getString("prediction_id"), rs.getString("label"), Db.instant(rs, "labelled_at"),
                        Db.instant(rs, "received_at")));
    }

    /** The latest joined rows of a version, newest first. */
    public List<LabelledRow> recent(String model, int version, List<String> labels, int limit) {
        return recentBefore(model, version, labels, limit, java.time.Instant.parse("9999-12-31T00:00:00Z"));
    }

    /**
     * The latest rows joined before a time (so a checkpoint's own rows, joined at that time, are
     * left out), only those labelled with one of {@code labels} unless it is null: the window is
     * then {@code limit} rows that can be judged, whoever reads it.
     */
    public List<LabelledRow> recentBefore(String model, int version, List<String> labels, int limit,
                                          Instant joinedBefore) {
        String onlyLabels = labels == null ? "" : "AND label = ANY(?) ";
        List<?> args = labels == null ? Db.args(model, version, joinedBefore, limit)
                : Db.args(model, version, joinedBefore, labels.toArray(String[]::new), limit);
        return db.list("SELECT " + LABELLED_COLUMNS + " FROM labelled_prediction WHERE model = ? AND version = ? "
                        + "AND joined_at < ? " + onlyLabels + "ORDER BY joined_at DESC, prediction_id LIMIT ?",
                args, LabelRepository::row);
    }

    /** Deletes what has outlived its retention; returns rows deleted. */
    public long purge(Instant pendingBefore, Instant earlyBefore, Instant labelledBefore) {
        return db.update("DELETE FROM pending_prediction WHERE received_at < ?", Db.args(pendingBefore))
                + db.update("DELETE FROM early_label WHERE received_at < ?", Db.args(earlyBefore))
                + db.update("DELETE FROM labelled_prediction WHERE joined_at < ?", Db.args(labelledBefore));
    }

    static LabelledRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LabelledRow(rs.getString("prediction_id"), rs.getString("arm"), rs.getString("model"),
                rs.getInt("version"), Db.instant(rs, "predicted_at"), rs.getString("features"),
                rs.getString("predicted_label"), Db.nullableDouble(rs, "score"), rs.getString("probabilities"),
                rs.getString("label"), Db.instant(rs, "labelled_at"));
    }
}
