package io.mlops.registry.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shrinks a reference profile to what a person reads: moments and median, or category counts, no sketches. */
final class ProfileSummary {

    private static final int TOP_CATEGORIES = 5;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileSummary() {
    }

    static JsonNode of(JsonNode profile) {
        if (profile == null) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        ObjectNode features = out.putObject("features");
        profile.path("features").fields().forEachRemaining(e -> features.set(e.getKey(), summarise(e.getValue())));
        for (String name : new String[] {"score", "predictedLabel"}) {
            if (profile.hasNonNull(name)) {
                out.set(name, summarise(profile.get(name)));
            }
        }
        return out;
    }

    private static JsonNode summarise(JsonNode p) {
        ObjectNode s = NODES.objectNode();
        String type = p.path("type").asText();
        s.put("type", type);
        s.set("count", p.get("count"));
        s.set("nullCount", p.get("nullCount"));
        if ("numeric".equals(type)) {
            for (String f : new String[] {"mean", "std", "min", "max"}) {
                s.set(f, p.get(f));
            }
            JsonNode q = p.path("quantiles");
            if (q.size() == 101) {
                s.set("median", q.get(50));
            }
            s.put("hasKll", p.hasNonNull("kll"));
            s.put("sampleSize", p.path("sample").size());
        } else {
            JsonNode counts = p.path("counts");
            s.put("categories", counts.size());
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            counts.fields().forEachRemaining(entries::add);
            entries.sort((a, b) -> Long.compare(b.getValue().asLong(), a.getValue().asLong()));
            ObjectNode top = s.putObject("top");
            entries.stream().limit(TOP_CATEGORIES).forEach(e -> top.set(e.getKey(), e.getValue()));
        }
        return s;
    }
}
