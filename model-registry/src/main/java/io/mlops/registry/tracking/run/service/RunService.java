package io.mlops.registry.tracking.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.common.db.SqlTimes;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.registry.config.Limits;
import io.mlops.registry.dataset.repository.DatasetRepository;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.search.FilterParser;
import io.mlops.registry.search.Page;
import io.mlops.registry.search.PageRequest;
import io.mlops.registry.search.SqlFilter;
import io.mlops.registry.search.SqlFragment;
import io.mlops.registry.tracking.experiment.repository.ExperimentRepository;
import io.mlops.registry.tracking.experiment.service.ExperimentService;
import io.mlops.registry.tracking.run.repository.RunRepository;
import io.mlops.registry.tracking.run.rest.CreateRunRequest;
import io.mlops.registry.tracking.run.rest.MetricHistory;
import io.mlops.registry.tracking.run.rest.MetricPoint;
import io.mlops.registry.tracking.run.rest.RunJson;
import io.mlops.registry.validation.Violations;
import io.mlops.registry.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Runs: their lifecycle, params, tags, dataset inputs and metrics, and search over them. */
@ApplicationScoped
public class RunService {

    private static final Set<String> PATCHABLE = Set.of("status", "endTime", "name", "tags", "params");
    private static final Set<String> STATUSES = Set.of("RUNNING", "FINISHED", "FAILED");

    private final RunRepository runs;
    private final ExperimentRepository experiments;
    private final DatasetRepository datasets;
    private final CurrentActor actor;
    private final Limits limits;
    private final ObjectMapper mapper;

    public RunService(RunRepository runs, ExperimentRepository experiments, DatasetRepository datasets,
                      CurrentActor actor, Limits limits, ObjectMapper mapper) {
        this.runs = runs;
        this.experiments = experiments;
        this.datasets = datasets;
        this.actor = actor;
        this.limits = limits;
        this.mapper = mapper;
    }

    @Transactional
    public RunJson create(CreateRunRequest request) {
        if (request == null) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The body must be a JSON object with an experimentId");
        }
        Map<String, String> params = request.params() == null ? Map.of() : request.params();
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        Violations v = new Violations();
        if (request.experimentId() == null) {
            v.add("experimentId", "is required");
        }
        v.text("name", request.name(), 250);
        v.time("startTime", request.startTime());
        checkMaps(v, params, tags);
        List<Object[]> inputs = resolveInputs(request.datasets(), v);
        v.throwIfAny();
        long experimentId = ExperimentService.parseId(request.experimentId());
        if (experiments.find(experimentId).isEmpty()) {
            throw ExperimentService.notFound(request.experimentId());
        }
        UUID id = UUID.randomUUID();
        Instant start = request.startTime() == null ? Jdbc.now() : request.startTime();
        runs.insert(id, experimentId, request.name(), params, tags, start, actor.name());
        runs.insertInputs(id, inputs);
        return runs.find(id).orElseThrow();
    }

    public RunJson get(String id) {
        return runs.find(parseId(id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Changes status, end time, name, tags (merged) and params. Params are write-once as in MLflow:
     * adding new keys is fine, changing a logged value is a 409, since metrics were computed with it.
     */
    @Transactional
    public RunJson update(String id, JsonNode body) {
        MergePatch patch = MergePatch.of(body, PATCHABLE);
        RunJson current = runs.lock(parseId(id)).orElseThrow(() -> notFound(id));
        Violations v = patch.violations();
        String status = current.status();
        if (patch.has("status")) {
            status = patch.text("status");
            if (status == null || !STATUSES.contains(status)) {
                v.add("status", "must be one of " + STATUSES);
                status = current.status();
            }
        }
        Instant endTime = current.endTime();
        if (patch.has("endTime")) {
            endTime = parseTime(patch.text("endTime"), "endTime", v);
            v.time("endTime", endTime);
        } else if ("RUNNING".equals(status)) {
            endTime = null; // resumed: it has not ended
        } else if (endTime == null || "RUNNING".equals(current.status())) {
            endTime = Jdbc.now(); // ended (again): now
        }
        if (endTime != null && endTime.isBefore(current.startTime())) {
            v.add("endTime", "is before the run's startTime " + current.startTime());
        }
        String name = patch.has("name") ? patch.text("name") : current.name();
        Map<String, String> tags = patch.mergeMap("tags", current.tags());
        Map<String, String> params = patch.mergeMap("params", current.params());
        current.params().forEach((key, value) -> {
            if (!value.equals(params.get(key))) {
                throw PlatformException.conflict("Param '" + key + "' of run " + id + " is already logged as '" + value
                        + "'; params cannot change once logged");
            }
        });
        v.text("name", name, 250);
        checkMaps(v, params, tags);
        v.throwIfAny();
        UUID runId = UUID.fromString(current.id());
        runs.update(runId, name, status, endTime, params, tags, Jdbc.now());
        return runs.find(runId).orElseThrow();
    }

    /** Logs a batch given as a JSON array or as {@code {"metrics": [...]}}; returns how many values were logged. */
    @Transactional
    public int logMetrics(String id, JsonNode body) {
        UUID runId = parseId(id);
        JsonNode array = body != null && body.isObject() ? body.get("metrics") : body;
        if (array == null || !array.isArray()) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST,
                    "The body must be an array of {key, value, step, timestamp} or {\"metrics\": [...]}");
        }
        if (array.size() > limits.fields().maxMetricBatch()) {
            throw PlatformException.validation("A batch holds at most " + limits.fields().maxMetricBatch() + " values",
                    List.of(new io.mlops.common.error.FieldError("metrics", "has " + array.size() + " values")));
        }
        Violations v = new Violations();
        Instant now = Jdbc.now();
        List<MetricPoint> points = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            MetricPoint p;
            JsonNode point = array.get(i);
            JsonNode ts = point.path("timestamp");
            if (ts.isNumber()) {
                // A number is epoch milliseconds, as MLflow's clients send it (Jackson would read seconds).
                if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
                    v.add("metrics[" + i + "].timestamp", "epoch milliseconds must be a whole number");
                    continue;
                }
                point = ((ObjectNode) point).deepCopy().put("timestamp", Instant.ofEpochMilli(ts.asLong()).toString());
            }
            try {
                p = mapper.treeToValue(point, MetricPoint.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                v.add("metrics[" + i + "]", "is not {key, value, step, timestamp}: " + e.getOriginalMessage());
                continue;
            }
            if (p == null || p.key() == null || p.key().isBlank() || p.key().length() > limits.fields().maxTagKeyLength()) {
                v.add("metrics[" + i + "].key", "is required, at most " + limits.fields().maxTagKeyLength() + " characters");
            } else if (Violations.hasNul(p.key())) {
                v.noNul("metrics[" + i + "].key", p.key());
            } else if (p.value() == null) {
                // NaN and the infinities are accepted as MLflow accepts them (a loss that diverged).
                v.add("metrics[" + i + "].value", "is required: a number, or \"NaN\", \"Infinity\", \"-Infinity\"");
            } else if (!SqlTimes.storable(p.timestamp())) {
                v.time("metrics[" + i + "].timestamp", p.timestamp());
            } else {
                points.add(new MetricPoint(p.key(), p.value(), p.step() == null ? 0L : p.step(),
                        p.timestamp() == null ? now : p.timestamp()));
            }
        }
        v.throwIfAny();
        if (runs.lock(runId).isEmpty()) {
            throw notFound(id);
        }
        runs.logMetrics(runId, points);
        return points.size();
    }

    public MetricHistory history(String id, String key) {
        UUID runId = parseId(id);
        if (!runs.exists(runId)) {
            throw notFound(id);
        }
        return new MetricHistory(id, key, runs.history(runId, key));
    }

    public Page<RunJson> search(List<String> experimentIds, String filter, String orderBy, Integer pageSize, String pageToken) {
        SqlFragment where = SqlFilter.where(FilterParser.parse(filter), RunRepository.FIELDS);
        if (experimentIds != null && !experimentIds.isEmpty()) {
            List<Object> params = new ArrayList<>();
            List<String> holders = new ArrayList<>();
            for (String raw : experimentIds) {
                for (String one : raw.split(",")) {
                    if (!one.isBlank()) {
                        params.add(experimentIdFilter(one.strip()));
                        holders.add("?");
                    }
                }
            }
            if (!holders.isEmpty()) {
                params.addAll(where.params());
                where = new SqlFragment("r.experiment_id IN (" + String.join(", ", holders) + ") AND (" + where.sql() + ")",
                        params);
            }
        }
        SqlFragment order = SqlFilter.orderBy(FilterParser.parseOrderBy(orderBy), RunRepository.FIELDS,
                "r.start_time DESC", "r.id");
        PageRequest page = PageRequest.of(pageSize, pageToken, limits.paging().defaultPageSize(),
                limits.paging().maxPageSize(), "runs", String.valueOf(experimentIds), filter, orderBy);
        return Page.of(runs.search(where, order, page), page);
    }

    private List<Object[]> resolveInputs(List<RunJson.DatasetInput> inputs, Violations v) {
        List<Object[]> resolved = new ArrayList<>();
        if (inputs == null) {
            return resolved;
        }
        for (int i = 0; i < inputs.size(); i++) {
            RunJson.DatasetInput in = inputs.get(i);
            String path = "datasets[" + i + "]";
            if (in == null || in.name() == null || (in.version() == null && in.digest() == null)) {
                v.add(path, "needs a dataset name and a version or digest");
                continue;
            }
            String context = in.context() == null ? "training" : in.context();
            v.text(path + ".context", context, 100);
            datasets.versionId(in.name(), in.version(), in.digest()).ifPresentOrElse(
                    dv -> resolved.add(new Object[] {dv, context}),
                    () -> v.add(path, "dataset '" + in.name() + "' has no version matching "
                            + (in.version() != null ? "version " + in.version() : "") + (in.digest() != null ? " digest " + in.digest() : "")));
        }
        return resolved;
    }

    private void checkMaps(Violations v, Map<String, String> params, Map<String, String> tags) {
        var f = limits.fields();
        v.stringMap("params", params, f.maxParams(), f.maxTagKeyLength(), f.maxParamValueLength());
        v.stringMap("tags", tags, f.maxTags(), f.maxTagKeyLength(), f.maxTagValueLength());
    }

    private static Instant parseTime(String text, String field, Violations v) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            v.add(field, "must be an RFC 3339 UTC time such as 2024-05-01T12:00:00Z");
            return null;
        }
    }

    /** An experiment id to search in: text that cannot be one is a bad query, not a missing experiment. */
    private static long experimentIdFilter(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw PlatformException.validation("experimentId must be numeric experiment ids, comma-separated",
                    List.of(new FieldError("experimentId", "'" + id + "' is not an experiment id")));
        }
    }

    /** A run id, or 404 {@code RUN_NOT_FOUND} for text that cannot be one. */
    public static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound(id);
        }
    }

    public static PlatformException notFound(String id) {
        return PlatformException.notFound(ErrorCode.RUN_NOT_FOUND, "Run", String.valueOf(id));
    }
}
