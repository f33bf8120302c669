package io.mlops.monitor.alert.repository;

import io.mlops.events.EventJson;
import io.mlops.events.drift.DriftAlert;
import io.mlops.monitor.alert.service.AlertDecision;
import io.mlops.monitor.alert.service.SubjectState;
import io.mlops.monitor.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Raised alerts and the hysteresis state behind them. */
@ApplicationScoped
public class AlertRepository {

    /** A stored alert: its event type and its JSON, and when it was raised. */
    public record StoredAlert(String type, DriftAlert alert, Instant raisedAt) {
    }

    private final Db db;

    public AlertRepository(Db db) {
        this.db = db;
    }

    public void insert(Collection<AlertDecision> alerts, Instant now) {
        List<List<?>> rows = new ArrayList<>();
        for (AlertDecision d : alerts) {
            DriftAlert a = d.alert();
            rows.add(Db.args(UUID.fromString(a.alertId()), d.type().type(), a.model(), a.version(), a.scope().wireName(),
                    new Db.Json(json(a)), now));
        }
        db.batch("INSERT INTO alert (alert_id, event_type, model, version, scope, body, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    public List<StoredAlert> find(String model, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT event_type, body::text AS body, raised_at FROM alert WHERE raised_at >= ? AND raised_at < ?");
        List<Object> args = new ArrayList<>(List.of(from, to));
        if (model != null) {
            sql.append(" AND model = ?");
            args.add(model);
        }
        sql.append(" ORDER BY raised_at DESC, alert_id LIMIT ?");
        args.add(limit);
        return db.list(sql.toString(), args, rs -> new StoredAlert(rs.getString("event_type"),
                read(rs.getString("body")), Db.instant(rs, "raised_at")));
    }

    public List<SubjectState> states(String model, int version) {
        return db.list("SELECT model, version, scope, subject, active, streak FROM alert_state WHERE model = ? AND version = ?",
                Db.args(model, version), rs -> new SubjectState(rs.getString("model"), rs.getInt("version"),
                        rs.getString("scope"), rs.getString("subject"), rs.getBoolean("active"), rs.getInt("streak")));
    }

    public void saveStates(Collection<SubjectState> states, Instant now) {
        List<List<?>> rows = new ArrayList<>();
        for (SubjectState s : states) {
            rows.add(Db.args(s.model(), s.version(), s.scope(), s.subject(), s.active(), s.streak(), now));
        }
        db.batch("INSERT INTO alert_state (model, version, scope, subject, active, streak, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (model, version, scope, subject) DO UPDATE SET active = EXCLUDED.active, "
                + "streak = EXCLUDED.streak, updated_at = EXCLUDED.updated_at", rows);
    }

    private static String json(DriftAlert a) {
        try {
            return EventJson.mapper().writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DriftAlert read(String json) {
        try {
            return EventJson.mapper().readValue(json, DriftAlert.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored alert is unreadable", e);
        }
    }
}
