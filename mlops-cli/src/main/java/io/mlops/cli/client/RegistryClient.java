package io.mlops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model registry's API as the CLI uses it: tracking, data sets, models, versions and aliases. */
public final class RegistryClient extends ServiceClient {

    public RegistryClient(String baseUrl, String actor) {
        super("model-registry", baseUrl, actor);
    }

    /** The id of the experiment with this name, created if it does not exist yet. */
    public String ensureExperiment(String name, String description) {
        JsonNode found = get("/api/v1/experiments?name=" + encode(name)).path("experiments");
        for (JsonNode experiment : found) {
            if (name.equals(experiment.path("name").asText())) {
                return experiment.path("id").asText();
            }
        }
        try {
            return post("/api/v1/experiments", Map.of("name", name, "description", description)).path("id").asText();
        } catch (ApiException e) {
            if (e.status() == 409) {
                return ensureExperiment(name, description);
            }
            throw e;
        }
    }

    public JsonNode registerDatasetVersion(String name, String digest, long rows, Object schema, String location,
                                           String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digest", digest);
        body.put("rows", rows);
        body.put("schema", schema);
        body.put("location", location);
        body.put("description", description);
        return post("/api/v1/datasets/" + encode(name) + "/versions", body);
    }

    public JsonNode startRun(String experimentId, String name, Map<String, String> params, Map<String, String> tags,
                             List<Map<String, Object>> datasets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experimentId", experimentId);
        body.put("name", name);
        body.put("params", params);
        body.put("tags", tags);
        body.put("datasets", datasets);
        return post("/api/v1/runs", body);
    }

    public void logMetrics(String runId, Map<String, Double> metrics) {
        List<Map<String, Object>> batch = metrics.entrySet().stream()
                .map(e -> Map.<String, Object>of("key", e.getKey(), "value", e.getValue(), "step", 0))
                .toList();
        post("/api/v1/runs/" + encode(runId) + "/metrics", Map.of("metrics", batch));
    }

    public void finishRun(String runId, String status) {
        patch("/api/v1/runs/" + encode(runId), Map.of("status", status));
    }

    /** Creates the model unless it exists; returns its JSON either way. */
    public JsonNode ensureModel(String name, String description) {
        try {
            return post("/api/v1/models", Map.of("name", name, "description", description));
        } catch (ApiException e) {
            if (e.status() == 409) {
                return get("/api/v1/models/" + encode(name));
            }
            throw e;
        }
    }

    public JsonNode registerVersion(String model, byte[] onnx, byte[] metadataJson) {
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("metadata", Part.json(metadataJson));
        parts.put("artifact", new Part("application/octet-stream", model + ".onnx", onnx));
        return postMultipart("/api/v1/models/" + encode(model) + "/versions", parts);
    }

    public JsonNode model(String name) {
        return get("/api/v1/models/" + encode(name));
    }

    public JsonNode version(String model, int version) {
        return get("/api/v1/models/" + encode(model) + "/versions/" + version);
    }

    public JsonNode versions(String model) {
        return get("/api/v1/models/" + encode(model) + "/versions?pageSize=100");
    }

    public JsonNode setAlias(String model, String alias, int version) {
        return put("/api/v1/models/" + encode(model) + "/aliases/" + encode(alias), Map.of("version", version));
    }

    /** The version an alias points at, or empty when the alias is not set. */
    public java.util.OptionalInt aliasVersion(String model, String alias) {
        try {
            return java.util.OptionalInt.of(get("/api/v1/models/" + encode(model) + "@" + encode(alias))
                    .path("version").asInt());
        } catch (ApiException e) {
            if (e.status() == 404 && !"MODEL_NOT_FOUND".equals(e.code())) {
                return java.util.OptionalInt.empty();
            }
            throw e;
        }
    }

    public void deleteAlias(String model, String alias) {
        delete("/api/v1/models/" + encode(model) + "/aliases/" + encode(alias));
    }

    /** Every move of the alias, newest first: {@code {model, alias, current, history[{from, to, changedAt, changedBy}]}}. */
    public JsonNode aliasHistory(String model, String alias) {
        return get("/api/v1/models/" + encode(model) + "/aliases/" + encode(alias) + "/history");
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
