package io.mlops.registry.model.repository;

import io.mlops.registry.db.Jdbc;
import io.mlops.registry.db.JsonColumns;
import io.mlops.registry.search.FieldCatalog;
import io.mlops.registry.search.FieldCatalog.Type;
import io.mlops.registry.search.PageRequest;
import io.mlops.registry.search.SqlFragment;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code model} table. Aliases and the latest version come in the same query, never one per row. */
@ApplicationScoped
public class ModelRepository {

    private static final String LATEST = "(SELECT max(v.version) FROM model_version v WHERE v.model_id = m.id)";

    private static final String SELECT = "SELECT m.id, m.name, m.description, m.tags::text AS tags, m.created_at,"
            + " m.created_by, m.updated_at, m.updated_by, m.revision, " + LATEST + " AS latest_version,"
            + " (SELECT jsonb_object_agg(a.alias, a.version)::text FROM model_alias a WHERE a.model_id = m.id) AS aliases"
            + " FROM model m";

    /** What {@code GET /models?filter=} may name. */
    public static final FieldCatalog FIELDS = new FieldCatalog("models")
            .field("m.name", Type.TEXT, "name")
            .field("m.description", Type.TEXT, "description")
            .field("m.created_at", Type.TIMESTAMP, "createdAt", "created_at", "creation_timestamp")
            .field("m.updated_at", Type.TIMESTAMP, "updatedAt", "updated_at", "last_updated_timestamp")
            .field("m.created_by", Type.TEXT, "createdBy", "created_by")
            .field(LATEST, Type.NUMBER, "latestVersion", "latest_version")
            .jsonText("tags", "m.tags")
            .jsonText("tag", "m.tags");

    private final Jdbc jdbc;
    private final JsonColumns json;

    public ModelRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a model; its revision (the ETag of its first state), or empty when the name is taken. */
    public Optional<Long> insert(String name, String description, Map<String, String> tags, Instant now, String actor) {
        return jdbc.one("INSERT INTO model (name, description, tags, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING revision",
                Jdbc.args(name, description, json.write(tags), now, actor, now, actor), rs -> rs.getLong(1));
    }

    public Optional<ModelRow> find(String name) {
        return jdbc.one(SELECT + " WHERE m.name = ?", List.of(name), this::map);
    }

    /**
     * Locks the model row for the rest of the transaction. Every change to a model's versions and
     * aliases takes this lock first, so they apply one after another and in one order.
     */
    public Optional<ModelRow> lock(String name) {
        // Lock, then read in a statement of its own: under READ COMMITTED a locking read that had to
        // wait re-reads only the locked row, while its subqueries (the aliases) keep showing the
        // state from before the wait, so a delete could miss an alias set by the writer it waited for.
        Optional<Long> id = jdbc.one("SELECT id FROM model WHERE name = ? FOR UPDATE", List.of(name),
                rs -> rs.getLong(1));
        return id.isEmpty() ? Optional.empty() : jdbc.one(SELECT + " WHERE m.id = ?", List.of(id.get()), this::map);
    }

    /** Takes the next version number under the row lock; empty when the model does not exist. */
    public Optional<long[]> nextVersion(String name, Instant now, String actor) {
        return jdbc.one("UPDATE model SET version_seq = version_seq + 1, revision = nextval('revision_seq'), updated_at = ?,"
                        + " updated_by = ? WHERE name = ? RETURNING id, version_seq",
                List.of(now, actor, name), rs -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    public void update(long id, String description, Map<String, String> tags, Instant now, String actor) {
        jdbc.update("UPDATE model SET description = ?, tags = ?::jsonb, revision = nextval('revision_seq'), updated_at = ?,"
                + " updated_by = ? WHERE id = ?", Jdbc.args(description, json.write(tags), now, actor, id));
    }

    /** Marks the model's JSON as changed (a version or alias moved), which changes its ETag. */
    public void touch(long id, Instant now, String actor) {
        jdbc.update("UPDATE model SET revision = nextval('revision_seq'), updated_at = ?, updated_by = ? WHERE id = ?",
                List.of(now, actor, id));
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM model WHERE id = ?", List.of(id));
    }

    public List<ModelRow> search(SqlFragment where, SqlFragment order, PageRequest page) {
        List<Object> params = new ArrayList<>(where.params());
        params.addAll(order.params());
        params.add(page.size() + 1);
        params.add(page.offset());
        return jdbc.list(SELECT + " WHERE " + where.sql() + " ORDER BY " + order.sql() + " LIMIT ? OFFSET ?",
                params, this::map);
    }

    private ModelRow map(ResultSet rs) throws SQLException {
        return new ModelRow(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                json.stringMap(rs.getString("tags")),
                Jdbc.instant(rs, "created_at"),
                rs.getString("created_by"),
                Jdbc.instant(rs, "updated_at"),
                rs.getString("updated_by"),
                rs.getLong("revision"),
                Jdbc.integer(rs, "latest_version"),
                new java.util.TreeMap<>(json.intMap(rs.getString("aliases"))));
    }
}
