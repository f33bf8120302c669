package io.mlops.inference.model.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Stand-in values for features the feature store could not give, taken from the version's
 * reference profile: the training mean of a numeric feature, the most frequent value of a
 * categorical one. Empty when the registry holds no profile.
 */
public final class Imputation {

    public static final Imputation NONE = new Imputation(Map.of());

    private final Map<String, Object> values;

    private Imputation(Map<String, Object> values) {
        this.values = values;
    }

    /** Reads {@code {"features":{"<name>":{"type":"numeric","mean":..}|{"type":"categorical","counts":{..}}}}}. */
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

    /** The value for a feature by its name (or full reference), or null when the profile has none. */
    public Object valueFor(String name, String ref) {
        Object v = values.get(name);
        return v != null ? v : values.get(ref);
    }

    private static Object valueOf(JsonNode summary) {
        String type = summary.path("type").asText("");
        if (type.equals("numeric") && summary.path("mean").isNumber()) {
            return summary.get("mean").doubleValue();
        }
        if (type.equals("categorical") && summary.path("counts").isObject()) {
            String mode = null;
            long best = -1;
            Iterator<Map.Entry<String, JsonNode>> counts = summary.get("counts").fields();
            while (counts.hasNext()) {
                Map.Entry<String, JsonNode> c = counts.next();
                if (c.getValue().asLong() > best) {
                    best = c.getValue().asLong();
                    mode = c.getKey();
                }
            }
            return mode;
        }
        return null;
    }
}
