package io.mlops.registry.version.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.Task;
import io.mlops.events.registry.TrainingData;
import io.mlops.events.registry.VersionStatus;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQL for versions. One statement returns a whole version JSON (aliases and training data
 * included), for a single version and for a page of search results alike.
 */
@ApplicationScoped
public class VersionRepository {

    private static final TypeReference<List<Encoding>> ENCODINGS = new TypeReference<>() { };

    private static final String SELECT = "SELECT v.model_id, m.name, v.version, v.status, v.sha256, v.size_bytes,"
            + " v.artifact_key, v.run_id, v.dataset_version_id, v.description, v.tags::text AS tags, v.task,"
            + " v.labels::text AS labels, v.positive_label, v.signature::text AS signature,"
            + " v.feature_refs::text AS feature_refs, v.encodings::text AS encodings, v.metrics::text AS metrics,"
            + " v.params::text AS params, v.revision, v.created_at, v.created_by,"
            + " (SELECT jsonb_agg(a.alias ORDER BY a.alias)::text FROM model_alias a"
            + "   WHERE a.model_id = v.model_id AND a.version = v.version) AS aliases,"
            + " d.name AS td_name, dv.version AS td_version, dv.digest AS td_digest, dv.row_count AS td_rows"
            + " FROM model_version v JOIN model m ON m.id = v.model_id"
            + " LEFT JOIN dataset_version dv ON dv.id = v.dataset_version_id"
            + " LEFT JOIN dataset d ON d.id = dv.dataset_id";

    /** What {@code GET /model-versions?filter=} may name. */
    public static final FieldCatalog FIELDS = new FieldCatalog("model versions")
            .field("m.name", Type.TEXT, "name")
            .field("v.version", Type.NUMBER, "version")
            .enumeration("v.status", Set.of("READY", "ARCHIVED"), "status")
            .enumeration("v.task", Set.of("BINARY_CLASSIFICATION", "MULTICLASS", "REGRESSION"), "task")
            .field("v.run_id::text", Type.TEXT, "runId", "run_id")
            .field("v.sha256", Type.TEXT, "sha256")
            .field("v.description", Type.TEXT, "description")
            .field("v.created_by", Type.TEXT, "createdBy", "created_by")
            .field("v.created_at", Type.TIMESTAMP, "createdAt", "created_at", "creation_timestamp")
            .field("v.updated_at", Type.TIMESTAMP, "updatedAt", "updated_at", "last_updated_timestamp")
            .field("v.size_bytes", Type.NUMBER, "sizeBytes")
            .jsonText("tags", "v.tags")
            .jsonText("tag", "v.tags")
            .jsonText("params", "v.params")
            .jsonText("param", "v.params")
            .jsonNumber("metrics", "v.metrics")
            .jsonNumber("metric", "v.metrics");

    private final Jdbc jdbc;
    private final JsonColumns json;

    public VersionRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(NewVersion v) {
        jdbc.update("INSERT INTO model_version (model_id, version, status, sha256, size_bytes, artifact_key, run_id,"
                        + " dataset_version_id, description, tags, task, labels, positive_label, signature, feature_refs,"
                        + " encodings, metrics, params, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, 'READY', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::jsonb,"
                        + " ?::jsonb, ?::jsonb, ?, ?, ?, ?)",
                Jdbc.args(v.modelId(), v.version(), v.sha256(), v.sizeBytes(), v.artifactKey(), v.runId(),
                        v.datasetVersionId(), v.description(), json.write(new TreeMap<>(v.tags())), v.task().name(),
                        json.write(v.labels()), v.positiveLabel(), json.write(v.signature()), json.write(v.featureRefs()),
                        json.write(v.encodings()), json.write(new TreeMap<>(v.metrics())),
                        json.write(new TreeMap<>(v.params())), v.createdAt(), v.createdBy(), v.createdAt(), v.createdBy()));
        if (v.referenceProfile() != null && !v.referenceProfile().isNull()) {
            jdbc.update("INSERT INTO model_version_profile (model_id, version, profile) VALUES (?, ?, ?::jsonb)",
                    List.of(v.modelId(), v.version(), json.write(v.referenceProfile())));
        }
    }

    public Optional<VersionRow> find(String model, int version) {
        return jdbc.one(SELECT + " WHERE m.name = ? AND v.version = ?", List.of(model, version), this::map);
    }

    /**
     * The version an alias points at, with the alias' revision (its ETag), in one indexed query:
     * this is the lookup every model load and {@code name@alias} request makes.
     */
    public Optional<AliasedVersion> findByAlias(String model, String alias) {
        String sql = SELECT.replace(" FROM model_version v JOIN model m ON m.id = v.model_id",
                ", al.revision AS alias_revision FROM model_version v JOIN model m ON m.id = v.model_id"
                        + " JOIN model_alias al ON al.model_id = v.model_id AND al.version = v.version")
                + " WHERE m.name = ? AND al.alias = ?";
        return jdbc.one(sql, List.of(model, alias), rs -> new AliasedVersion(map(rs), rs.getLong("alias_revision")));
    }

    /** A version reached through an alias, and the alias' own revision. */
    public record AliasedVersion(VersionRow row, long aliasRevision) {
    }

    /** The highest version number of a model, for {@code versions/latest}. */
    public Optional<VersionRow> latest(String model) {
        return jdbc.one(SELECT + " WHERE m.name = ? ORDER BY v.version DESC LIMIT 1", List.of(model), this::map);
    }

    /**
     * The keys of one page of search results, in order. Only the narrow columns are read here: the
     * rows' JSON is rendered once per revision and cached (see {@code RenderedVersions}).
     */
    public List<VersionKey> searchKeys(SqlFragment where, SqlFragment order, PageRequest page) {
        List<Object> params = new ArrayList<>(where.params());
        params.addAll(order.params());
        params.add(page.size() + 1);
        params.add(page.offset());
        return jdbc.list("SELECT v.model_id, v.version, v.revision FROM model_version v JOIN model m ON m.id = v.model_id"
                + " WHERE " + where.sql() + " ORDER BY " + order.sql() + " LIMIT ? OFFSET ?", params, VersionRepository::key);
    }

    /** The current rows of these versions (whatever their revision now); deleted ones are missing. */
    public List<VersionRow> findAll(List<VersionKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(keys.size() * 2);
        for (VersionKey key : keys) {
            params.add(key.modelId());
            params.add(key.version());
        }
        String pairs = String.join(", ", java.util.Collections.nCopies(keys.size(), "(?, ?)"));
        return jdbc.list(SELECT + " WHERE (v.model_id, v.version) IN (" + pairs + ")", params, this::map);
    }

    /**
     * Where an alias points, as a version key plus the alias' revision: a two-index-probe query
     * that reads none of the version's wide columns.
     */
    public Optional<AliasedKey> findAliasKey(String model, String alias) {
        return jdbc.one("SELECT v.model_id, v.version, v.revision, al.revision AS alias_revision"
                        + " FROM model m JOIN model_alias al ON al.model_id = m.id"
                        + " JOIN model_version v ON v.model_id = al.model_id AND v.version = al.version"
                        + " WHERE m.name = ? AND al.alias = ?",
                List.of(model, alias), rs -> new AliasedKey(key(rs), rs.getLong("alias_revision")));
    }

    /** An alias' target as a version key, and the alias' own revision. */
    public record AliasedKey(VersionKey version, long aliasRevision) {
    }

    public Optional<String> profile(String model, int version) {
        return jdbc.one("SELECT p.profile::text FROM model_version_profile p JOIN model m ON m.id = p.model_id"
                + " WHERE m.name = ? AND p.version = ?", List.of(model, version), rs -> rs.getString(1));
    }

    public void update(long modelId, int version, String description, Map<String, String> tags, VersionStatus status,
                       Instant now, String actor) {
        jdbc.update("UPDATE model_version SET description = ?, tags = ?::jsonb, status = ?, revision = nextval('revision_seq'),"
                        + " updated_at = ?, updated_by = ? WHERE model_id = ? AND version = ?",
                Jdbc.args(description, json.write(new TreeMap<>(tags)), status.name(), now, actor, modelId, version));
    }

    /** Changes the ETag of versions whose alias list changed. */
    public void touch(long modelId, List<Integer> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        params.add(modelId);
        params.addAll(versions);
        String placeholders = String.join(", ", java.util.Collections.nCopies(versions.size(), "?"));
        jdbc.update("UPDATE model_version SET revision = nextval('revision_seq') WHERE model_id = ? AND version IN ("
                + placeholders + ")", params);
    }

    public void delete(long modelId, int version) {
        jdbc.update("DELETE FROM model_version WHERE model_id = ? AND version = ?", List.of(modelId, version));
    }

    /** Which of these artifact keys a version row names. */
    public Set<String> referencedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.list("SELECT artifact_key FROM model_version WHERE artifact_key = ANY(?)",
                List.of((Object) keys.toArray(String[]::new)), rs -> rs.getString(1)));
    }

    public List<String> artifactKeys(long modelId) {
        return jdbc.list("SELECT artifact_key FROM model_version WHERE model_id = ?", List.of(modelId), rs -> rs.getString(1));
    }

    private static VersionKey key(ResultSet rs) throws SQLException {
        return new VersionKey(rs.getLong("model_id"), rs.getInt("version"), rs.getLong("revision"));
    }

    private VersionRow map(ResultSet rs) throws SQLException {
        Object runId = rs.getObject("run_id");
        String tdName = rs.getString("td_name");
        TrainingData trainingData = tdName == null ? null
                : new TrainingData(tdName, rs.getInt("td_version"), rs.getString("td_digest"), rs.getLong("td_rows"));
        ModelVersion version = new ModelVersion(
                rs.getString("name"),
                rs.getInt("version"),
                VersionStatus.valueOf(rs.getString("status")),
                rs.getString("sha256"),
                rs.getLong("size_bytes"),
                Jdbc.instant(rs, "created_at"),
                rs.getString("created_by"),
                runId == null ? null : runId.toString(),
                rs.getString("description"),
                json.stringMap(rs.getString("tags")),
                json.stringList(rs.getString("aliases")),
                Task.valueOf(rs.getString("task")),
                json.stringList(rs.getString("labels")),
                rs.getString("positive_label"),
                json.read(rs.getString("signature"), Signature.class),
                json.stringList(rs.getString("feature_refs")),
                json.read(rs.getString("encodings"), ENCODINGS),
                json.doubleMap(rs.getString("metrics")),
                json.stringMap(rs.getString("params")),
                trainingData);
        long datasetVersionId = rs.getLong("dataset_version_id");
        return new VersionRow(rs.getLong("model_id"), version, rs.getString("artifact_key"), rs.getLong("revision"),
                rs.wasNull() ? null : datasetVersionId);
    }
}
