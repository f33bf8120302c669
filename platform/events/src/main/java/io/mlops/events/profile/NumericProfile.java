package io.mlops.events.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A numeric reference distribution.
 *
 * @param quantiles 101 values: the 0th, 1st, ..., 100th percentile
 * @param kll base64 of {@code KllDoublesSketch.toByteArray()} (k = 200), for merging and sketch-based tests
 * @param sample up to {@value #MAX_SAMPLE} raw values, which make small-sample tests exact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NumericProfile(
        long count,
        long nullCount,
        double mean,
        double std,
        double min,
        double max,
        List<Double> quantiles,
        String kll,
        List<Double> sample) implements FeatureProfile {

    public static final int QUANTILE_COUNT = 101;
    public static final int MAX_SAMPLE = 1_000;

    public NumericProfile {
        if (quantiles != null && quantiles.size() != QUANTILE_COUNT) {
            throw new IllegalArgumentException("a numeric profile has " + QUANTILE_COUNT
                    + " quantiles, not " + quantiles.size());
        }
        if (sample != null && sample.size() > MAX_SAMPLE) {
            throw new IllegalArgumentException("a profile sample holds at most " + MAX_SAMPLE + " values");
        }
        quantiles = quantiles == null ? null : List.copyOf(quantiles);
        sample = sample == null ? null : List.copyOf(sample);
    }
}
