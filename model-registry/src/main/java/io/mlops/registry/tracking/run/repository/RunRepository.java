package io.mlops.registry.tracking.run.repository;

import io.mlops.registry.db.Jdbc;
import io.mlops.registry.db.JsonColumns;
import io.mlops.registry.search.FieldCatalog;
import io.mlops.registry.search.FieldCatalog.Type;
import io.mlops.registry.search.PageRequest;
import io.mlops.registry.search.SqlFragment;
import io.mlops.registry.tracking.run.rest.MetricPoint;
import io.mlops.registry.tracking.run.rest.RunJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** SQL for runs, their dataset inputs and metrics. Latest metrics and inputs come with each run row. */
@ApplicationScoped
public class RunRepository {

    private static final String SELECT = "SELECT r.id, r.experiment_id, r.name, r.status, r.start_time, r.end_time,"
            + " r.created_by, r.params::text AS params, r.tags::text AS tags,"
            + " (SELECT jsonb_object_agg(lm.key, lm.value)::text FROM run_latest_metric lm WHERE lm.run_id = r.id) AS metrics,"
            + " (SELECT jsonb_agg(jsonb_build_object('name', d.name, 'version', dv.version, 'digest', dv.digest,"
            + "    'rows', dv.row_count, 'context', i.context) ORDER BY d.name, dv.version, i.context)::text"
            + "  FROM run_dataset_input i JOIN dataset_version dv ON dv.id = i.dataset_version_id"
            + "  JOIN dataset d ON d.id = dv.dataset_id WHERE i.run_id = r.id) AS datasets"
            + " FROM run r";

    /**
     * A run's latest value of a metric in filters and sorts. A NaN (a diverged loss, which MLflow
     * accepts) counts as no value: it matches no comparison ({@code IS NULL} matches it) and sorts
     * with the runs that lack the metric, after every number; PostgreSQL alone would rank it above
     * them all.
     */
    private static final String LATEST_METRIC =
            "(SELECT NULLIF(lm.value, 'NaN'::float8) FROM run_latest_metric lm WHERE lm.run_id = r.id AND lm.key = ?)";

    /** What {@code GET /runs?filter=} may name. */
    public static final FieldCatalog FIELDS = new FieldCatalog("runs")
            .field("r.id::text", Type.TEXT, "id", "runId", "run_id")
            .field("r.name", Type.TEXT, "name", "runName", "run_name")
            .enumeration("r.status", Set.of("RUNNING", "FINISHED", "FAILED"), "status")
            .field("r.experiment_id", Type.NUMBER, "experimentId", "experiment_id")
            .field("r.start_time", Type.TIMESTAMP, "startTime", "start_time")
            .field("r.end_time", Type.TIMESTAMP, "endTime", "end_time")
            .field("r.created_by", Type.TEXT, "createdBy", "created_by", "user_id")
            .jsonText("params", "r.params")
            .jsonText("param", "r.params")
            .jsonText("tags", "r.tags")
            .jsonText("tag", "r.tags")
            .family("metrics", LATEST_METRIC, Type.NUMBER)
            .family("metric", LATEST_METRIC, Type.NUMBER);

    private final Jdbc jdbc;
    private final JsonColumns json;

    public RunRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID id, long experimentId, String name, Map<String, String> params, Map<String, String> tags,
                       Instant startTime, String actor) {
        jdbc.update("INSERT INTO run (id, experiment_id, name, status, start_time, params, tags, created_by, updated_at)"
                        + " VALUES (?, ?, ?, 'RUNNING', ?, ?::jsonb, ?::jsonb, ?, ?)",
                Jdbc.args(id, experimentId, name, startTime, json.write(new TreeMap<>(params)),
                        json.write(new TreeMap<>(tags)), actor, startTime));
    }

    public void insertInputs(UUID runId, List<Object[]> datasetVersionAndContext) {
        List<List<?>> rows = new ArrayList<>();
        for (Object[] input : datasetVersionAndContext) {
            rows.add(List.of(runId, input[0], input[1]));
        }
        jdbc.batch("INSERT INTO run_dataset_input (run_id, dataset_version_id, context) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", rows);
    }

    public Optional<RunJson> find(UUID id) {
        return jdbc.one(SELECT + " WHERE r.id = ?", List.of(id), this::map);
    }

    public Optional<RunJson> lock(UUID id) {
        return jdbc.one(SELECT + " WHERE r.id = ? FOR UPDATE OF r", List.of(id), this::map);
    }

    public boolean exists(UUID id) {
        return jdbc.one("SELECT 1 FROM run WHERE id = ?", List.of(id), rs -> 1).isPresent();
    }

    public void update(UUID id, String name, String status, Instant endTime, Map<String, String> params,
                       Map<String, String> tags, Instant now) {
        jdbc.update("UPDATE run SET name = ?, status = ?, end_time = ?, params = ?::jsonb, tags = ?::jsonb, updated_at = ?"
                        + " WHERE id = ?",
                Jdbc.args(name, status, endTime, json.write(new TreeMap<>(params)), json.write(new TreeMap<>(tags)), now, id));
    }

    /**
     * Appends values to the history (a point already there is not added again) and moves each key's
     * latest value forward, in two batched statements. As in MLflow, the latest value has the
     * highest (step, timestamp, value): of two values at one step and time, the larger, a number
     * before a NaN (which PostgreSQL would rank above every number).
     */
    public void logMetrics(UUID runId, List<MetricPoint> points) {
        List<List<?>> rows = new ArrayList<>(points.size());
        for (MetricPoint p : points) {
            rows.add(List.of(runId, p.key(), p.value(), p.step(), p.timestamp()));
        }
        jdbc.batch("INSERT INTO run_metric (run_id, key, value, step, ts) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
        jdbc.batch("INSERT INTO run_latest_metric AS l (run_id, key, value, step, ts) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, step = excluded.step, ts = excluded.ts"
                + " WHERE (excluded.step, excluded.ts) > (l.step, l.ts) OR ((excluded.step, excluded.ts) = (l.step, l.ts)"
                + " AND excluded.value <> 'NaN'::float8 AND (l.value = 'NaN'::float8 OR excluded.value > l.value))", rows);
    }

    public List<MetricPoint> history(UUID runId, String key) {
        return jdbc.list("SELECT key, value, step, ts FROM run_metric WHERE run_id = ? AND key = ? ORDER BY step, ts, value",
                List.of(runId, key), rs -> new MetricPoint(rs.getString("key"), rs.getDouble("value"), rs.getLong("step"),
                        Jdbc.instant(rs, "ts")));
    }

    public List<RunJson> search(SqlFragment where, SqlFragment order, PageRequest page) {
        List<Object> params = new ArrayList<>(where.params());
        params.addAll(order.params());
        params.add(page.size() + 1);
        params.add(page.offset());
        return jdbc.list(SELECT + " WHERE " + where.sql() + " ORDER BY " + order.sql() + " LIMIT ? OFFSET ?",
                params, this::map);
    }

    private RunJson map(ResultSet rs) throws SQLException {
        String datasets = rs.getString("datasets");
        return new RunJson(
                rs.getObject("id").toString(),
                Long.toString(rs.getLong("experiment_id")),
                rs.getString("name"),
                rs.getString("status"),
                Jdbc.instant(rs, "start_time"),
                Jdbc.instant(rs, "end_time"),
                rs.getString("created_by"),
                json.stringMap(rs.getString("params")),
                json.stringMap(rs.getString("tags")),
                new TreeMap<>(json.doubleMap(rs.getString("metrics"))),
                datasets == null ? List.of() : json.read(datasets,
                        new com.fasterxml.jackson.core.type.TypeReference<List<RunJson.DatasetInput>>() { }));
    }
}
