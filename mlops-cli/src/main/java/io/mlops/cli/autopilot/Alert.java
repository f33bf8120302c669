package io.mlops.cli.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An alert as the drift monitor lists it ({@code GET /api/v1/alerts}, the same data as on
 * {@code mlops.drift.alerts.v1}), reduced to what autopilot decides on.
 *
 * @param type the CloudEvents type, e.g. {@code io.mlops.performance.degraded.v1}
 * @param windowStart start of the evidence that raised it: retraining reads labelled rows from here
 */
public record Alert(String type, Instant raisedAt, String alertId, String model, int version, String scope,
                    List<String> features, String metric, Double value, Double threshold, Instant windowStart,
                    Instant windowEnd) {

    public static final String DRIFT_DETECTED = "io.mlops.drift.detected.v1";
    public static final String DRIFT_RESOLVED = "io.mlops.drift.resolved.v1";
    public static final String PERFORMANCE_DEGRADED = "io.mlops.performance.degraded.v1";

    public Alert {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public static Alert of(JsonNode json) {
        List<String> features = new ArrayList<>();
        json.path("features").forEach(f -> features.add(f.asText()));
        return new Alert(json.path("type").asText(), instant(json.path("raisedAt")), json.path("alertId").asText(),
                json.path("model").asText(), json.path("version").asInt(), json.path("scope").asText(), features,
                json.path("metric").isTextual() ? json.path("metric").asText() : null,
                json.path("value").isNumber() ? json.path("value").asDouble() : null,
                json.path("threshold").isNumber() ? json.path("threshold").asDouble() : null,
                instant(json.path("windowStart")), instant(json.path("windowEnd")));
    }

    /** Drift detected or performance degraded: something autopilot reacts to. */
    public boolean raises() {
        return DRIFT_DETECTED.equals(type) || PERFORMANCE_DEGRADED.equals(type);
    }

    /**
     * What the alert is about, as the monitor's hysteresis keys it: the dataset, one feature or one
     * performance metric of one version. A later {@code drift.resolved} of the same subject closes it.
     */
    public String subject() {
        String detail = switch (scope) {
            case "performance" -> metric;
            case "feature" -> String.join(",", features);
            default -> "";
        };
        return version + "/" + scope + "/" + detail;
    }

    /** One line for the terminal. */
    public String describe() {
        String what = switch (scope) {
            case "performance" -> String.format("performance degraded: %s %.3f below %.3f", metric,
                    value == null ? Double.NaN : value, threshold == null ? Double.NaN : threshold);
            case "feature" -> "drift detected on " + String.join(", ", features);
            default -> "dataset drift detected" + (features.isEmpty() ? "" : " (" + String.join(", ", features) + ")");
        };
        return what + " on " + model + " v" + version + " at " + raisedAt;
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Instant.parse(node.asText()) : null;
    }
}
