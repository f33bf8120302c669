package io.mlops.monitor.reference.repository;

import io.mlops.monitor.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The versions resolved with the registry, with their profiles, so a restart needs no registry. */
@ApplicationScoped
public class MonitoredVersionRepository {

    /** A stored version: its registry JSON and profile JSON (null without a profile). */
    public record Stored(String model, int version, String versionJson, String profileJson, String note) {
    }

    private final Db db;

    public MonitoredVersionRepository(Db db) {
        this.db = db;
    }

    public Optional<Stored> find(String model, int version) {
        return db.one("SELECT model, version, version_json::text AS v, profile::text AS p, profile_note "
                        + "FROM monitored_version WHERE model = ? AND version = ?",
                Db.args(model, version), rs -> new Stored(rs.getString("model"), rs.getInt("version"),
                        rs.getString("v"), rs.getString("p"), rs.getString("profile_note")));
    }

    public void save(Stored s) {
        db.update("INSERT INTO monitored_version (model, version, version_json, profile, profile_note, resolved_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, version) DO UPDATE SET "
                        + "version_json = EXCLUDED.version_json, profile = EXCLUDED.profile, "
                        + "profile_note = EXCLUDED.profile_note, resolved_at = EXCLUDED.resolved_at",
                Db.args(s.model(), s.version(), new Db.Json(s.versionJson()),
                        s.profileJson() == null ? null : new Db.Json(s.profileJson()), s.note(), Instant.now()));
    }

    /** Versions of a model the monitor knows, newest first, with whether each has a profile. */
    public List<Stored> versionsOf(String model) {
        return db.list("SELECT model, version, version_json::text AS v, NULL AS p, "
                        + "CASE WHEN profile IS NULL THEN coalesce(profile_note, 'no reference profile') END AS profile_note "
                        + "FROM monitored_version WHERE model = ? ORDER BY version DESC",
                Db.args(model), rs -> new Stored(rs.getString("model"), rs.getInt("version"), rs.getString("v"),
                        null, rs.getString("profile_note")));
    }

    public boolean modelKnown(String model) {
        return db.one("SELECT 1 FROM monitored_version WHERE model = ? UNION ALL "
                        + "SELECT 1 FROM window_result WHERE model = ? LIMIT 1",
                Db.args(model, model), rs -> 1).isPresent();
    }
}
