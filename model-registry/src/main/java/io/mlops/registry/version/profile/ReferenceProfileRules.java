package io.mlops.registry.version.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.registry.validation.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a reference profile (API.md "Reference profile"), checked on upload so the drift
 * monitor never reads a profile it cannot use: {@code features} of numeric or categorical
 * summaries, plus optional {@code score} and {@code predictedLabel}.
 */
@ApplicationScoped
public class ReferenceProfileRules {

    static final int QUANTILES = 101;
    static final int MAX_SAMPLE = 1_000;
    private static final Set<String> TOP_LEVEL = Set.of("features", "score", "predictedLabel");

    public void check(JsonNode profile, String path, Violations v) {
        if (!profile.isObject()) {
            v.add(path, "must be an object with 'features'");
            return;
        }
        profile.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                v.add(path + "." + name, "is not part of a reference profile; expected " + TOP_LEVEL);
            }
        });
        JsonNode features = profile.get("features");
        if (features == null || !features.isObject()) {
            v.add(path + ".features", "must be an object of feature name to summary");
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = features.fields();
            while (it.hasNext()) {
                var entry = it.next();
                summary(entry.getValue(), path + ".features." + entry.getKey(), v);
            }
        }
        for (String name : new String[] {"score", "predictedLabel"}) {
            JsonNode node = profile.get(name);
            if (node != null && !node.isNull()) {
                summary(node, path + "." + name, v);
            }
        }
    }

    private static void summary(JsonNode p, String path, Violations v) {
        if (!p.isObject()) {
            v.add(path, "must be a numeric or categorical summary object");
            return;
        }
        String type = p.path("type").asText("");
        switch (type) {
            case "numeric" -> numeric(p, path, v);
            case "categorical" -> categorical(p, path, v);
            default -> v.add(path + ".type", "must be 'numeric' or 'categorical'");
        }
    }

    private static void numeric(JsonNode p, String path, Violations v) {
        count(p, "count", path, v);
        count(p, "nullCount", path, v);
        boolean empty = p.path("count").asLong(0) == 0;
        for (String field : new String[] {"mean", "std", "min", "max"}) {
            JsonNode n = p.get(field);
            if (n == null || (!n.isNumber() && !(empty && n.isNull()))) {
                v.add(path + "." + field, "must be a number");
            }
        }
        JsonNode q = p.get("quantiles");
        if (q == null || !q.isArray() || (q.size() != QUANTILES && !(empty && q.isEmpty()))) {
            v.add(path + ".quantiles", "must be an array of " + QUANTILES + " numbers (the 0th to 100th percentiles)");
        } else {
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < q.size(); i++) {
                if (!q.get(i).isNumber()) {
                    v.add(path + ".quantiles[" + i + "]", "must be a number");
                    break;
                }
                double value = q.get(i).asDouble();
                if (value < previous) {
                    v.add(path + ".quantiles[" + i + "]", "is smaller than the quantile before it");
                    break;
                }
                previous = value;
            }
        }
        JsonNode kll = p.get("kll");
        if (kll != null && !kll.isNull()) {
            if (!kll.isTextual()) {
                v.add(path + ".kll", "must be a base64 string of a serialized KllDoublesSketch");
            } else {
                try {
                    Base64.getDecoder().decode(kll.textValue());
                } catch (IllegalArgumentException e) {
                    v.add(path + ".kll", "is not valid base64");
                }
            }
        }
        JsonNode sample = p.get("sample");
        if (sample != null && !sample.isNull()) {
            if (!sample.isArray() || sample.size() > MAX_SAMPLE) {
                v.add(path + ".sample", "must be an array of at most " + MAX_SAMPLE + " raw values");
            } else {
                long numbers = 0;
                for (int i = 0; i < sample.size(); i++) {
                    if (!sample.get(i).isNumber() && !sample.get(i).isNull()) {
                        v.add(path + ".sample[" + i + "]", "must be a number or null");
                        break;
                    }
                    numbers += sample.get(i).isNumber() ? 1 : 0;
                }
                // The monitor scales the sample's shares by count: a count below the sample's is a
                // contradiction it cannot compare with.
                if (p.path("count").canConvertToLong() && numbers > p.path("count").asLong()) {
                    v.add(path + ".sample", "holds " + numbers + " values but count is " + p.path("count").asLong()
                            + "; count is the number of non-null values profiled, the sample a subset of them");
                }
            }
        }
    }

    private static void categorical(JsonNode p, String path, Violations v) {
        count(p, "count", path, v);
        count(p, "nullCount", path, v);
        JsonNode counts = p.get("counts");
        if (counts == null || !counts.isObject()) {
            v.add(path + ".counts", "must be an object of category to count");
            return;
        }
        counts.fields().forEachRemaining(e -> {
            if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                v.add(path + ".counts." + e.getKey(), "must be a non-negative integer");
            }
        });
    }

    private static void count(JsonNode p, String field, String path, Violations v) {
        JsonNode n = p.get(field);
        if (n == null || !n.isIntegralNumber() || n.asLong() < 0) {
            v.add(path + "." + field, "must be a non-negative integer");
        }
    }
}
