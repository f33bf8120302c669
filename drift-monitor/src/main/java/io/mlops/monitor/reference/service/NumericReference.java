package io.mlops.monitor.reference.service;

import io.mlops.monitor.stats.EmpiricalDistribution;
import java.util.Map;

/**
 * A numeric reference column, ready for testing.
 *
 * @param distribution the best available form of the reference: its raw values when the profile's
 *     sample is complete, else the KLL sketch, else a partial sample, else the 101 quantiles
 * @param source which of those it is: {@code sample}, {@code kll}, {@code partial-sample}, {@code quantiles}
 * @param discreteShares share of each distinct value when the reference has at most
 *     {@value ReferenceReader#MAX_DISCRETE} of them, else {@code null}; Evidently tests and bins
 *     such columns by value
 */
public record NumericReference(
        String name,
        long count,
        long nullCount,
        double mean,
        double std,
        double min,
        double max,
        EmpiricalDistribution distribution,
        String source,
        Map<Double, Double> discreteShares) implements ColumnReference {

    /** Whether the reference is exact (its complete raw values). */
    public boolean exact() {
        return "sample".equals(source);
    }

    /**
     * The population standard deviation ({@code np.std}), which Evidently divides the Wasserstein
     * distance by; a profile carries the sample one (n − 1).
     */
    public double populationStd() {
        return count < 2 ? std : std * Math.sqrt((count - 1) / (double) count);
    }

    public int distinctValues() {
        return discreteShares == null ? Integer.MAX_VALUE : discreteShares.size();
    }
}
