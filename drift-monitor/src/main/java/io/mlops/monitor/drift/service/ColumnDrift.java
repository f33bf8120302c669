package io.mlops.monitor.drift.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The verdict and data quality of one column in one window; an entry of {@code features} or
 * {@code prediction} in {@code GET /api/v1/drift/{model}}.
 *
 * @param type {@code numeric} or {@code categorical}
 * @param method the test that decided (Evidently's name), {@code null} when not tested
 * @param score the test's score: the p-value for ks/chisquare/z, else the distance
 * @param drifted {@code null} when the column was not tested (see {@code status})
 * @param statistic the test statistic (KS D, chi-squared, z), when it has one
 * @param psi the population stability index, always reported when the column was compared
 * @param missingRate share of the window's rows without a usable value (absent, null or mistyped)
 * @param mistypedRate share of rows whose value had the wrong type (included in {@code missingRate})
 * @param outOfRangeRate share of numeric values outside the reference [min, max]
 * @param newCategoryRate share of categorical values the reference never saw
 * @param newCategories up to ten of those categories
 * @param count values compared
 * @param reference what the current window was compared with: {@code sample} (exact), {@code kll},
 *     {@code partial-sample}, {@code quantiles} or {@code counts}
 * @param exact whether the test ran on raw values on both sides (no sketch error)
 * @param status TESTED, INSUFFICIENT_DATA, DISABLED or NO_REFERENCE
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnDrift(
        String feature,
        String type,
        String method,
        Double score,
        Double threshold,
        Boolean drifted,
        Double pValue,
        Double statistic,
        Double psi,
        double missingRate,
        Double mistypedRate,
        Double outOfRangeRate,
        Double newCategoryRate,
        List<String> newCategories,
        long count,
        String reference,
        Boolean exact,
        String status) {

    public static final String TESTED = "TESTED";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
    public static final String DISABLED = "DISABLED";
    public static final String NO_REFERENCE = "NO_REFERENCE";

    /** JSON has no infinity (a chi-squared statistic with an unseen category is one): such values become null. */
    public ColumnDrift {
        score = finite(score);
        threshold = finite(threshold);
        pValue = finite(pValue);
        statistic = finite(statistic);
        psi = finite(psi);
    }

    private static Double finite(Double v) {
        return v == null || Double.isFinite(v) ? v : null;
    }

    public boolean driftDetected() {
        return Boolean.TRUE.equals(drifted);
    }

    public boolean tested() {
        return TESTED.equals(status);
    }
}
