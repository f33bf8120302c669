package io.mlops.monitor.stats;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The drift tests, named as Evidently names them, with Evidently's default thresholds and cut-offs:
 * KS flags drift when p ≤ threshold, chi-squared and z when p &lt; threshold (Evidently's own
 * asymmetry, kept so a p-value exactly at the threshold gets Evidently's verdict), a distance when
 * it is ≥ threshold.
 */
public enum StatTest {
    KS("ks", true, 0.05, true, false),
    CHI_SQUARE("chisquare", true, 0.05, true, true),
    Z("z", true, 0.05, true, true),
    WASSERSTEIN("wasserstein", false, 0.1, true, false),
    JENSEN_SHANNON("jensenshannon", false, 0.1, true, true),
    PSI("psi", false, 0.1, true, true);

    private final String wireName;
    private final boolean pValue;
    private final double defaultThreshold;
    private final boolean numeric;
    private final boolean categorical;

    StatTest(String wireName, boolean pValue, double defaultThreshold, boolean numeric, boolean categorical) {
        this.wireName = wireName;
        this.pValue = pValue;
        this.defaultThreshold = defaultThreshold;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True when the score is a p-value (small means drift), false for a distance (large means drift). */
    public boolean isPValue() {
        return pValue;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the test can run on a column of that kind (KS and Wasserstein need numbers). */
    public boolean appliesTo(boolean numericColumn) {
        return numericColumn ? numeric : categorical;
    }

    public boolean drifted(double score, double threshold) {
        if (Double.isNaN(score)) {
            return false;
        }
        if (this == KS) {
            return score <= threshold;
        }
        return pValue ? score < threshold : score >= threshold;
    }

    public static Optional<StatTest> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
