package io.mlops.registry.alias.repository;

import io.mlops.registry.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for aliases and their history. Callers hold the model's row lock. */
@ApplicationScoped
public class AliasRepository {

    /** Where an alias points now. */
    public record Current(int version, long revision) {
    }

    /** One move of an alias; {@code from} is null when it was created, {@code to} when it was deleted. */
    public record Change(Integer from, Integer to, Instant changedAt, String changedBy) {
    }

    private final Jdbc jdbc;

    public AliasRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Current> find(long modelId, String alias) {
        return jdbc.one("SELECT version, revision FROM model_alias WHERE model_id = ? AND alias = ?",
                List.of(modelId, alias), rs -> new Current(rs.getInt(1), rs.getLong(2)));
    }

    /** Points the alias at {@code version}; returns the alias' new revision. */
    public long upsert(long modelId, String alias, int version, Instant now, String actor) {
        return jdbc.one("INSERT INTO model_alias AS a (model_id, alias, version, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version,"
                        + " revision = nextval('revision_seq'), updated_at = excluded.updated_at, updated_by = excluded.updated_by"
                        + " RETURNING revision",
                List.of(modelId, alias, version, now, actor), rs -> rs.getLong(1)).orElseThrow();
    }

    public void delete(long modelId, String alias) {
        jdbc.update("DELETE FROM model_alias WHERE model_id = ? AND alias = ?", List.of(modelId, alias));
    }

    public void recordChange(long modelId, String alias, Integer from, Integer to, Instant now, String actor) {
        jdbc.update("INSERT INTO model_alias_history (model_id, alias, from_version, to_version, changed_at, changed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)", Jdbc.args(modelId, alias, from, to, now, actor));
    }

    public List<Change> history(long modelId, String alias, int limit) {
        return jdbc.list("SELECT from_version, to_version, changed_at, changed_by FROM model_alias_history"
                        + " WHERE model_id = ? AND alias = ? ORDER BY id DESC LIMIT ?", List.of(modelId, alias, limit),
                rs -> new Change(Jdbc.integer(rs, "from_version"), Jdbc.integer(rs, "to_version"),
                        Jdbc.instant(rs, "changed_at"), rs.getString("changed_by")));
    }
}
