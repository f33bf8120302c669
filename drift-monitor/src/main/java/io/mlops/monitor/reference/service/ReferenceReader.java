package io.mlops.monitor.reference.service;

import io.mlops.events.profile.CategoricalProfile;
import io.mlops.events.profile.FeatureProfile;
import io.mlops.events.profile.NumericProfile;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.monitor.stats.EmpiricalDistribution;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Reads the registry's reference profile into testable columns, choosing for each numeric column
 * the most faithful form it carries: a complete raw sample (exact tests), else the KLL sketch (rank
 * error known), else a partial sample, else the quantiles.
 */
public final class ReferenceReader {

    /** Up to this many distinct values a numeric column is binned by value, as Evidently does. */
    public static final int MAX_DISCRETE = 20;

    private ReferenceReader() {
    }

    public static ReferenceData read(ReferenceProfile profile) {
        Map<String, ColumnReference> features = new LinkedHashMap<>();
        profile.features().forEach((name, p) -> features.put(name, column(name, p)));
        Map<String, ColumnReference> outputs = new LinkedHashMap<>();
        if (profile.score() != null) {
            outputs.put(ReferenceData.SCORE, column(ReferenceData.SCORE, profile.score()));
        }
        if (profile.predictedLabel() != null) {
            outputs.put(ReferenceData.PREDICTED_LABEL, column(ReferenceData.PREDICTED_LABEL, profile.predictedLabel()));
        }
        return new ReferenceData(features, outputs);
    }

    static ColumnReference column(String name, FeatureProfile profile) {
        Objects.requireNonNull(profile, () -> "profile of " + name);
        if (profile instanceof CategoricalProfile c) {
            return new CategoricalReference(name, c.count(), c.nullCount(), Map.copyOf(new TreeMap<>(c.counts())));
        }
        return numeric(name, (NumericProfile) profile);
    }

    private static NumericReference numeric(String name, NumericProfile p) {
        double[] sample = p.sample() == null ? new double[0]
                : p.sample().stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
        EmpiricalDistribution distribution;
        String source;
        if (p.count() > 0 && sample.length >= p.count()) {
            distribution = EmpiricalDistribution.ofSample(sample);
            source = "sample";
        } else if (p.kll() != null && !p.kll().isBlank()) {
            KllDoublesSketch sketch = KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(p.kll())));
            distribution = EmpiricalDistribution.ofSketch(sketch);
            source = "kll";
        } else if (sample.length > 0) {
            distribution = EmpiricalDistribution.ofSample(sample);
            source = "partial-sample";
        } else if (p.quantiles() != null && p.count() > 0) {
            distribution = EmpiricalDistribution.ofQuantiles(
                    p.quantiles().stream().mapToDouble(Double::doubleValue).toArray(), p.count());
            source = "quantiles";
        } else {
            distribution = null;
            source = "none";
        }
        return new NumericReference(name, p.count(), p.nullCount(), p.mean(), p.std(), p.min(), p.max(),
                distribution == null || distribution.isEmpty() ? null : distribution, source,
                discreteShares(distribution, source, p.quantiles()));
    }

    /** Shares per distinct value when there are few of them; read from the raw quantiles for a quantile summary. */
    private static Map<Double, Double> discreteShares(EmpiricalDistribution d, String source, List<Double> quantiles) {
        if (d == null || d.isEmpty()) {
            return null;
        }
        if ("quantiles".equals(source)) {
            TreeMap<Double, Integer> hits = new TreeMap<>();
            quantiles.forEach(q -> hits.merge(q == 0.0 ? 0.0 : q, 1, Integer::sum));
            if (hits.size() > MAX_DISCRETE || interpolated(hits)) {
                return null;
            }
            Map<Double, Double> shares = new TreeMap<>();
            hits.forEach((value, n) -> shares.put(value, n / (double) quantiles.size()));
            return shares;
        }
        return d.supportSize() > MAX_DISCRETE ? null : d.pointShares();
    }

    /**
     * Whether percentiles of few values show a value met once between two others: the linear
     * interpolation a percentile makes where one value's run ends and the next begins (the 70th
     * percentile of 700 zeros and 300 ones is 0.3), which no row holds. Read by value, it would be a
     * category of its own and make a window identical to the reference drift; such a summary is
     * compared as a distribution instead.
     */
    private static boolean interpolated(TreeMap<Double, Integer> hits) {
        return hits.entrySet().stream().anyMatch(e -> e.getValue() == 1
                && !e.getKey().equals(hits.firstKey()) && !e.getKey().equals(hits.lastKey()));
    }
}
