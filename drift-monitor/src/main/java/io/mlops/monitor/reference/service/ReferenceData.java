package io.mlops.monitor.reference.service;

import java.util.Map;
import java.util.Optional;

/**
 * A version's reference profile, read into testable columns.
 *
 * @param features raw input features in profile order
 * @param outputs {@code score} and {@code predictedLabel} when the profile has them
 */
public record ReferenceData(Map<String, ColumnReference> features, Map<String, ColumnReference> outputs) {

    public static final String SCORE = "score";
    public static final String PREDICTED_LABEL = "predictedLabel";

    public Optional<ColumnReference> output(String name) {
        return Optional.ofNullable(outputs.get(name));
    }
}
