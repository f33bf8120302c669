package io.mlops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The feature store's API as the CLI uses it: definitions, push and point-in-time retrieval. */
public final class FeatureStoreClient extends ServiceClient {

    public FeatureStoreClient(String baseUrl, String actor) {
        super("feature-store", baseUrl, actor);
    }

    /** Declares the entity; an existing one with the same name is kept. */
    public void ensureEntity(String name, String joinKey, String valueType, String description) {
        try {
            post("/api/v1/entities", Map.of("name", name, "joinKey", joinKey, "valueType", valueType,
                    "description", description));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /** Applies a feature view definition (a changed schema makes a new version); returns the view JSON. */
    public JsonNode applyFeatureView(String name, List<String> entities, List<Map<String, String>> features,
                                     long ttlSeconds, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("entities", entities);
        body.put("features", features);
        body.put("ttlSeconds", ttlSeconds);
        body.put("description", description);
        return post("/api/v1/feature-views", body);
    }

    public JsonNode push(String view, String to, List<Map<String, Object>> rows) {
        return post("/api/v1/feature-views/" + RegistryClient.encode(view) + "/push", Map.of("to", to, "rows", rows));
    }

    /** Point-in-time correct feature values for entity rows ({@code joinKey} + {@code event_timestamp}). */
    public JsonNode historical(List<String> features, List<Map<String, Object>> entityRows) {
        return post("/api/v1/historical-features", Map.of("features", features, "entityRows", entityRows));
    }
}
