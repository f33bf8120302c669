package io.mlops.monitor.drift.repository;

import io.mlops.events.EventJson;
import io.mlops.monitor.db.Db;
import io.mlops.monitor.drift.service.WindowResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Closed windows' results: the drift history the API serves and a restart keeps. */
@ApplicationScoped
public class WindowResultRepository {

    private final Db db;

    public WindowResultRepository(Db db) {
        this.db = db;
    }

    public void insert(Collection<WindowResult> results) {
        List<List<?>> rows = new ArrayList<>();
        for (WindowResult r : results) {
            rows.add(Db.args(r.model(), r.version(), r.window().sequence(), r.window().start(), r.window().end(),
                    r.window().size(), r.datasetDrift(), r.driftedShare(), new Db.Json(json(r)), r.window().closedAt()));
        }
        db.batch("INSERT INTO window_result (model, version, sequence, window_start, window_end, row_count, dataset_drift, "
                + "drifted_share, result, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (model, version, sequence) DO NOTHING", rows);
    }

    /** The latest window of a model (optionally of one version) that ended within [from, to). */
    public Optional<WindowResult> latest(String model, Integer version, Instant from, Instant to) {
        List<WindowResult> found = find(model, version, from, to, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Windows that ended within [from, to), newest first. */
    public List<WindowResult> find(String model, Integer version, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT result::text AS r FROM window_result WHERE model = ? "
                + "AND window_end >= ? AND window_end < ?");
        List<Object> args = new ArrayList<>(List.of(model, from, to));
        if (version != null) {
            sql.append(" AND version = ?");
            args.add(version);
        }
        sql.append(" ORDER BY window_end DESC, id DESC LIMIT ?");
        args.add(limit);
        return db.list(sql.toString(), args, rs -> read(rs.getString("r")));
    }

    public boolean hasVersion(String model, int version) {
        return db.one("SELECT 1 FROM window_result WHERE model = ? AND version = ? LIMIT 1", Db.args(model, version),
                rs -> 1).isPresent();
    }

    private static String json(WindowResult r) {
        try {
            return EventJson.mapper().writeValueAsString(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WindowResult read(String json) {
        try {
            return EventJson.mapper().readValue(json, WindowResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored window result is unreadable: " + e.getMessage(), e);
        }
    }
}
