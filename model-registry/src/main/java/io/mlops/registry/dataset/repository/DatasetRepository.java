package io.mlops.registry.dataset.repository;

import io.mlops.registry.dataset.rest.DatasetJson;
import io.mlops.registry.dataset.rest.DatasetVersionJson;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.db.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for datasets and their versions. */
@ApplicationScoped
public class DatasetRepository {

    private static final String VERSION_SELECT = "SELECT dv.id, d.name, dv.version, dv.digest, dv.row_count,"
            + " dv.schema_json::text AS schema_json, dv.location, dv.description, dv.created_at, dv.created_by"
            + " FROM dataset_version dv JOIN dataset d ON d.id = dv.dataset_id";

    private final Jdbc jdbc;
    private final JsonColumns json;

    public DatasetRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The dataset's id, creating it if needed, with its row locked so versions are numbered one at a time. */
    public long lockOrCreate(String name, Instant now, String actor) {
        jdbc.update("INSERT INTO dataset (name, created_at, created_by) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                List.of(name, now, actor));
        return jdbc.one("SELECT id FROM dataset WHERE name = ? FOR UPDATE", List.of(name), rs -> rs.getLong(1))
                .orElseThrow();
    }

    public Optional<DatasetVersionJson> latest(long datasetId) {
        return jdbc.one(VERSION_SELECT + " WHERE dv.dataset_id = ? ORDER BY dv.version DESC LIMIT 1",
                List.of(datasetId), this::mapVersion);
    }

    public int insertVersion(long datasetId, DatasetVersionJson v) {
        int version = jdbc.one("UPDATE dataset SET latest_version = latest_version + 1 WHERE id = ? RETURNING latest_version",
                List.of(datasetId), rs -> rs.getInt(1)).orElseThrow();
        jdbc.update("INSERT INTO dataset_version (dataset_id, version, digest, row_count, schema_json, location,"
                        + " description, created_at, created_by) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
                Jdbc.args(datasetId, version, v.digest(), v.rows(), v.schema() == null ? null : json.write(v.schema()),
                        v.location(), v.description(), v.createdAt(), v.createdBy()));
        return version;
    }

    public List<DatasetJson> list() {
        return jdbc.list("SELECT d.name, d.latest_version, d.created_at, d.created_by, dv.id, dv.version, dv.digest,"
                        + " dv.row_count, dv.schema_json::text AS schema_json, dv.location, dv.description,"
                        + " dv.created_at AS v_created_at, dv.created_by AS v_created_by FROM dataset d"
                        + " LEFT JOIN dataset_version dv ON dv.dataset_id = d.id AND dv.version = d.latest_version"
                        + " ORDER BY d.name",
                List.of(), rs -> new DatasetJson(rs.getString("name"), rs.getInt("latest_version"),
                        Jdbc.instant(rs, "created_at"), rs.getString("created_by"),
                        rs.getObject("version") == null ? null : new DatasetVersionJson(rs.getString("name"),
                                rs.getInt("version"), rs.getString("digest"), rs.getLong("row_count"),
                                json.tree(rs.getString("schema_json")), rs.getString("location"),
                                rs.getString("description"), Jdbc.instant(rs, "v_created_at"),
                                rs.getString("v_created_by"))));
    }

    public boolean exists(String name) {
        return jdbc.one("SELECT 1 FROM dataset WHERE name = ?", List.of(name), rs -> 1).isPresent();
    }

    public List<DatasetVersionJson> versions(String name) {
        return jdbc.list(VERSION_SELECT + " WHERE d.name = ? ORDER BY dv.version DESC", List.of(name), this::mapVersion);
    }

    public Optional<DatasetVersionJson> version(String name, int version) {
        return jdbc.one(VERSION_SELECT + " WHERE d.name = ? AND dv.version = ?", List.of(name, version), this::mapVersion);
    }

    /** The id of a version, by number and/or digest; both given must name the same version. */
    public Optional<Long> versionId(String name, Integer version, String digest) {
        StringBuilder sql = new StringBuilder("SELECT dv.id FROM dataset_version dv JOIN dataset d ON d.id = dv.dataset_id"
                + " WHERE d.name = ?");
        List<Object> params = new java.util.ArrayList<>(List.of(name));
        if (version != null) {
            sql.append(" AND dv.version = ?");
            params.add(version);
        }
        if (digest != null) {
            sql.append(" AND dv.digest = ?");
            params.add(digest);
        }
        sql.append(" ORDER BY dv.version DESC LIMIT 1");
        return jdbc.one(sql.toString(), params, rs -> rs.getLong(1));
    }

    public Optional<DatasetVersionJson> versionById(long id) {
        return jdbc.one(VERSION_SELECT + " WHERE dv.id = ?", List.of(id), this::mapVersion);
    }

    private DatasetVersionJson mapVersion(ResultSet rs) throws SQLException {
        return new DatasetVersionJson(rs.getString("name"), rs.getInt("version"), rs.getString("digest"),
                rs.getLong("row_count"), json.tree(rs.getString("schema_json")), rs.getString("location"),
                rs.getString("description"), Jdbc.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
