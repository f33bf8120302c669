package io.mlops.monitor.stats;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * A one-dimensional distribution as sorted distinct support points with cumulative weights: the
 * common form of a raw sample (exact), a KLL sketch (its retained items and their weights) and a
 * 101-quantile summary, so every test and distance is written once against it.
 *
 * <p>{@link #rankError()} bounds how far {@link #cdf(double)} may be from the true CDF of the data
 * it stands for: 0 for a raw sample, the sketch's normalized rank error for KLL, the quantile
 * spacing for quantiles. Tests that compare CDFs (Kolmogorov-Smirnov) account for it.
 */
public final class EmpiricalDistribution {

    private final double[] values;
    private final double[] cumulative;
    private final long count;
    private final double rankError;

    private EmpiricalDistribution(double[] values, double[] cumulative, long count, double rankError) {
        this.values = values;
        this.cumulative = cumulative;
        this.count = count;
        this.rankError = rankError;
    }

    /** The exact distribution of raw values (NaN values are not allowed; filter missing values first). */
    public static EmpiricalDistribution ofSample(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double[] weights = new double[sorted.length];
        Arrays.fill(weights, 1.0);
        return collapse(sorted, weights, sorted.length, 0.0);
    }

    /** Weighted points (not necessarily sorted), e.g. scipy's {@code u_values, u_weights}. */
    public static EmpiricalDistribution ofWeighted(double[] points, double[] weights, long count) {
        Integer[] order = new Integer[points.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(points[a], points[b]));
        double[] v = new double[points.length];
        double[] w = new double[points.length];
        for (int i = 0; i < order.length; i++) {
            v[i] = points[order[i]];
            w[i] = weights[order[i]];
        }
        return collapse(v, w, count, 0.0);
    }

    /** The retained items of a KLL sketch with their weights; exact while the sketch is not compacting. */
    public static EmpiricalDistribution ofSketch(KllDoublesSketch sketch) {
        if (sketch.isEmpty()) {
            return new EmpiricalDistribution(new double[0], new double[0], 0, 0.0);
        }
        DoublesSortedView view = sketch.getSortedView();
        double[] items = view.getQuantiles();
        long[] cumulativeWeights = view.getCumulativeWeights();
        double[] weights = new double[items.length];
        long previous = 0;
        for (int i = 0; i < items.length; i++) {
            weights[i] = cumulativeWeights[i] - previous;
            previous = cumulativeWeights[i];
        }
        double error = sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0.0;
        return collapse(items, weights, sketch.getN(), error);
    }

    /**
     * A distribution read from 101 quantiles (the 0th to the 100th percentile): each percentile
     * interval holds 1 % of the mass, spread evenly over it, as a linear interpolation of the CDF.
     * Its rank error is the quantile spacing, 0.01.
     */
    public static EmpiricalDistribution ofQuantiles(double[] quantiles, long count) {
        if (quantiles.length < 2) {
            throw new IllegalArgumentException("need at least two quantiles, got " + quantiles.length);
        }
        int intervals = quantiles.length - 1;
        int perInterval = 10;
        double[] points = new double[intervals * perInterval];
        double[] weights = new double[points.length];
        double weight = 1.0 / points.length;
        for (int i = 0; i < intervals; i++) {
            double lo = quantiles[i];
            double width = quantiles[i + 1] - lo;
            for (int j = 0; j < perInterval; j++) {
                points[i * perInterval + j] = lo + width * (j + 0.5) / perInterval;
                weights[i * perInterval + j] = weight;
            }
        }
        Arrays.sort(points);
        return collapse(points, weights, count, 1.0 / intervals);
    }

    private static EmpiricalDistribution collapse(double[] sorted, double[] weights, long count, double rankError) {
        double[] v = new double[sorted.length];
        double[] c = new double[sorted.length];
        int k = -1;
        double running = 0;
        for (int i = 0; i < sorted.length; i++) {
            running += weights[i];
            if (k >= 0 && sorted[i] == v[k]) {
                c[k] = running;
            } else {
                k++;
                v[k] = sorted[i] == 0.0 ? 0.0 : sorted[i]; // -0.0 is 0.0: one support point, not two
                c[k] = running;
            }
        }
        return new EmpiricalDistribution(Arrays.copyOf(v, k + 1), Arrays.copyOf(c, k + 1), count, rankError);
    }

    /** P(X ≤ x). */
    public double cdf(double x) {
        int i = lastAtOrBelow(x);
        return i < 0 ? 0.0 : cumulative[i] / totalWeight();
    }

    /** P(X < x). */
    public double cdfBelow(double x) {
        int i = lastAtOrBelow(x);
        if (i >= 0 && values[i] == x) {
            i--;
        }
        return i < 0 ? 0.0 : cumulative[i] / totalWeight();
    }

    /** Number of observations this distribution stands for (the sample size of a test). */
    public long count() {
        return count;
    }

    public double rankError() {
        return rankError;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public double min() {
        return values[0];
    }

    public double max() {
        return values[values.length - 1];
    }

    /** Distinct support points; a copy. */
    public double[] support() {
        return values.clone();
    }

    public int supportSize() {
        return values.length;
    }

    /** Each support point's share of the mass (exact for a sample; for discrete values); ordered by value. */
    public java.util.SortedMap<Double, Double> pointShares() {
        java.util.SortedMap<Double, Double> out = new java.util.TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            double below = i == 0 ? 0.0 : cumulative[i - 1];
            out.put(values[i], (cumulative[i] - below) / totalWeight());
        }
        return out;
    }

    double valueAt(int i) {
        return values[i];
    }

    /** P(X ≤ values[i]). */
    double cdfAt(int i) {
        return cumulative[i] / totalWeight();
    }

    private double totalWeight() {
        return cumulative[cumulative.length - 1];
    }

    private int lastAtOrBelow(double x) {
        int lo = 0;
        int hi = values.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
