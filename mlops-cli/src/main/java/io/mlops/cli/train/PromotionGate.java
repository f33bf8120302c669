package io.mlops.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a version may take an alias from the version holding it now: not when its
 * held-out metric is worse. Higher is better except for losses.
 */
public final class PromotionGate {

    private static final Map<String, Boolean> HIGHER_IS_BETTER = Map.of(
            "auc", true, "accuracy", true, "precision", true, "recall", true, "f1", true,
            "log_loss", false, "rmse", false, "mae", false);

    private PromotionGate() {
    }

    /** Why the candidate may not be promoted, or empty when it may. */
    public static Optional<String> refusal(String metric, JsonNode candidate, JsonNode current) {
        Boolean higherIsBetter = HIGHER_IS_BETTER.get(metric);
        if (higherIsBetter == null) {
            return Optional.of("unknown gate metric '" + metric + "'; known: " + HIGHER_IS_BETTER.keySet());
        }
        JsonNode candidateValue = candidate.path("metrics").path(metric);
        JsonNode currentValue = current.path("metrics").path(metric);
        if (!candidateValue.isNumber()) {
            return Optional.of("version " + candidate.path("version").asInt() + " has no '" + metric
                    + "' metric to compare");
        }
        if (!currentValue.isNumber()) {
            return Optional.empty();
        }
        double a = candidateValue.asDouble();
        double b = currentValue.asDouble();
        boolean worse = higherIsBetter ? a < b : a > b;
        if (worse) {
            return Optional.of(String.format("version %d has %s %.4f, worse than %.4f of version %d",
                    candidate.path("version").asInt(), metric, a, b, current.path("version").asInt()));
        }
        return Optional.empty();
    }
}
