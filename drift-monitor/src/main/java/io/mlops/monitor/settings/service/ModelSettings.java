package io.mlops.monitor.settings.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A model's overrides of the monitor's defaults; every field is optional and a missing one means
 * "the default". Column keys are feature names, or {@code score} / {@code predictedLabel} for the
 * model's outputs.
 *
 * @param windowSize rows per window
 * @param windowSeconds longest span of a window, in seconds of event time
 * @param minRows fewest rows a window needs for a drift verdict
 * @param datasetDriftShare share of drifted features at which the dataset drifts
 * @param detectAfter consecutive drifted windows before {@code drift.detected}
 * @param resolveAfter consecutive clean windows before {@code drift.resolved}
 * @param numericMethod method for every numeric column without its own ({@code auto} = Evidently's choice)
 * @param categoricalMethod method for every categorical column without its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSettings(
        @Min(1) @Max(1_000_000) Integer windowSize,
        @Min(1) @Max(604_800) Long windowSeconds,
        @Min(2) @Max(1_000_000) Integer minRows,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double datasetDriftShare,
        @Min(1) @Max(1000) Integer detectAfter,
        @Min(1) @Max(1000) Integer resolveAfter,
        String numericMethod,
        String categoricalMethod,
        Map<String, @Valid ColumnSettings> columns,
        @Valid PerformanceSettings performance) {

    public static final ModelSettings NONE = new ModelSettings(null, null, null, null, null, null, null, null, null, null);

    public ModelSettings {
        columns = columns == null ? Map.of() : withoutNulls(columns);
    }

    /**
     * One column's overrides.
     *
     * @param method the test for this column
     * @param threshold its threshold (a p-value for ks/chisquare/z, a distance otherwise)
     * @param enabled false leaves the column out of drift tests and of the dataset share
     * @param alert true gives the column alerts of its own (scope {@code feature})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnSettings(
            String method,
            @DecimalMin(value = "0", inclusive = false) Double threshold,
            Boolean enabled,
            Boolean alert) {
    }

    /**
     * Performance overrides.
     *
     * @param maxDrop largest tolerated drop of a metric below the version's registered value
     * @param minLabels labels needed before metrics count
     * @param minimums absolute floors per metric (e.g. {@code {"accuracy": 0.8}}), checked besides the drop
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PerformanceSettings(
            @DecimalMin("0") @DecimalMax("1") Double maxDrop,
            @Min(1) Integer minLabels,
            Map<String, Double> minimums) {

        /**
         * Metrics where higher is better: the only ones a floor can be set on (a floor on log loss
         * would alert as it improves), and the ones whose drop below the registered value counts.
         */
        public static final Set<String> HIGHER_IS_BETTER = Set.of("accuracy", "precision", "recall", "f1", "auc");

        public PerformanceSettings {
            minimums = minimums == null ? Map.of() : withoutNulls(minimums);
        }
    }

    /** A member set to null ({@code "age": null}) means no override, as if it were absent. */
    static <V> Map<String, V> withoutNulls(Map<String, V> map) {
        Map<String, V> kept = new HashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                kept.put(k, v);
            }
        });
        return Map.copyOf(kept);
    }
}
