package io.mlops.registry.tracking.experiment.repository;

import io.mlops.registry.db.Jdbc;
import io.mlops.registry.db.JsonColumns;
import io.mlops.registry.tracking.experiment.rest.ExperimentJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for experiments. */
@ApplicationScoped
public class ExperimentRepository {

    private static final String SELECT = "SELECT id, name, description, tags::text AS tags, created_at, created_by FROM experiment";

    private final Jdbc jdbc;
    private final JsonColumns json;

    public ExperimentRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The new experiment's id; empty when the name is taken. */
    public Optional<Long> insert(String name, String description, Map<String, String> tags, Instant now, String actor) {
        return jdbc.one("INSERT INTO experiment (name, description, tags, created_at, created_by)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
                Jdbc.args(name, description, json.write(new java.util.TreeMap<>(tags)), now, actor), rs -> rs.getLong(1));
    }

    public Optional<ExperimentJson> find(long id) {
        return jdbc.one(SELECT + " WHERE id = ?", List.of(id), this::map);
    }

    public Optional<ExperimentJson> findByName(String name) {
        return jdbc.one(SELECT + " WHERE name = ?", List.of(name), this::map);
    }

    public List<ExperimentJson> list(int limit, long offset) {
        return jdbc.list(SELECT + " ORDER BY name, id LIMIT ? OFFSET ?", List.of(limit, offset), this::map);
    }

    private ExperimentJson map(ResultSet rs) throws SQLException {
        return new ExperimentJson(Long.toString(rs.getLong("id")), rs.getString("name"), rs.getString("description"),
                json.stringMap(rs.getString("tags")), Jdbc.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
