package io.mlops.monitor.settings.repository;

import io.mlops.monitor.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Per-model settings as JSON documents. */
@ApplicationScoped
public class SettingsRepository {

    private final Db db;

    public SettingsRepository(Db db) {
        this.db = db;
    }

    public Map<String, String> all() {
        Map<String, String> out = new TreeMap<>();
        db.list("SELECT model, settings::text AS s FROM model_settings", Db.args(),
                rs -> out.put(rs.getString("model"), rs.getString("s")));
        return out;
    }

    public Optional<String> find(String model) {
        return db.one("SELECT settings::text AS s FROM model_settings WHERE model = ?", Db.args(model),
                rs -> rs.getString("s"));
    }

    public void save(String model, String json, String actor) {
        db.update("INSERT INTO model_settings (model, settings, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (model) DO UPDATE SET settings = EXCLUDED.settings, "
                        + "updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
                Db.args(model, new Db.Json(json), Instant.now(), actor));
    }

    public boolean delete(String model) {
        return db.update("DELETE FROM model_settings WHERE model = ?", Db.args(model)) > 0;
    }
}
