package io.mlops.monitor.stats;

import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Pearson's chi-squared goodness-of-fit test of the current category counts against the reference
 * shares, as Evidently runs {@code scipy.stats.chisquare}: expected counts are the reference counts
 * scaled to the current total, with k − 1 degrees of freedom. A category the reference never saw
 * has an expected count of 0; any observation of it makes the statistic infinite (p = 0), as in
 * scipy, rather than being silently dropped.
 */
public final class ChiSquared {

    private static final ChiSquareTest TEST = new ChiSquareTest();

    private ChiSquared() {
    }

    public record Outcome(double statistic, double pValue) {
    }

    /** Counts aligned by category: {@code reference[i]} and {@code current[i]} are the same category. */
    public static Outcome test(long[] reference, long[] current) {
        if (reference.length != current.length || reference.length < 2) {
            throw new IllegalArgumentException("chi-squared needs at least two categories on aligned counts");
        }
        long refTotal = 0;
        long curTotal = 0;
        for (int i = 0; i < reference.length; i++) {
            refTotal += reference[i];
            curTotal += current[i];
        }
        if (refTotal == 0 || curTotal == 0) {
            throw new IllegalArgumentException("chi-squared needs observations on both sides");
        }
        int kept = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] == 0 && current[i] > 0) {
                return new Outcome(Double.POSITIVE_INFINITY, 0.0);
            }
            if (reference[i] > 0) {
                kept++;
            }
        }
        double[] expected = new double[kept];
        long[] observed = new long[kept];
        double scale = (double) curTotal / refTotal;
        int k = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] > 0) {
                expected[k] = reference[i] * scale;
                observed[k++] = current[i];
            }
        }
        if (kept < 2) {
            return new Outcome(0.0, 1.0);
        }
        return new Outcome(TEST.chiSquare(expected, observed), TEST.chiSquareTest(expected, observed));
    }
}
