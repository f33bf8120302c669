package io.mlops.inference.model.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Stand-in values for numeric features the feature store could not give: the training mean from
 * the version's reference profile (which the training pipeline also puts in for a missing number).
 * Categorical features need none: a missing category encodes as no category. Empty when the
 * registry holds no profile.
 */
public final class Imputation {

    public static final Imputation NONE = new Imputation(Map.of());

    private final Map<String, Object> values;

    private Imputation(Map<String, Object> values) {
        this.values = values;
    }

    /** Reads {@code {"features":{"<name>":{"type":"numeric","mean":..}}}}; other features are skipped. */
    public static Imputation fromProfile(JsonNode profile) {
        JsonNode features = profile == null ? null : profile.get("features");
        if (features == null || !features.isObject()) {
            return NONE;
        }
        Map<String, Object> values = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = features.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            Object value = valueOf(entry.getValue());
            if (value != null) {
                values.put(entry.getKey(), value);
            }
        }
        return new Imputation(Map.copyOf(values));
    }

    /** The mean of a numeric feature by its name (or full reference), or null when the profile has none. */
    public Object valueFor(String name, String ref) {
        Object v = values.get(name);
        return v != null ? v : values.get(ref);
    }

    private static Object valueOf(JsonNode summary) {
        if (summary.path("type").asText("").equals("numeric") && summary.path("mean").isNumber()) {
            return summary.get("mean").doubleValue();
        }
        return null;
    }
}
