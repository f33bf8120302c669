package io.mlops.monitor.stats;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov-Smirnov test, two-sided, as {@code scipy.stats.ks_2samp}.
 *
 * <p>The statistic is computed here, with ties handled exactly (commons-math3 would jitter tied
 * values before its exact test, which changes D). The p-value is P(D ≥ d) from commons-math3: the
 * exact null distribution while n·m &lt; 10,000, the Kolmogorov limit distribution beyond it (within
 * 5·10⁻⁴ of scipy's exact value at n = m = 1,000).
 *
 * <p>When either side is a sketch or a quantile summary, D is only known within the two rank
 * errors, so the test uses D − ε₁ − ε₂: a sketch can hide drift of that size but never invents it,
 * the same allowance DataSketches' own KS test makes.
 */
public final class KolmogorovSmirnov {

    /** Below this scaled statistic the asymptotic p-value is 1 to twelve decimals. */
    private static final double NEGLIGIBLE_T = 0.2;

    private static final long EXACT_LIMIT = 10_000;
    private static final KolmogorovSmirnovTest TEST = new KolmogorovSmirnovTest();

    private KolmogorovSmirnov() {
    }

    /** What the test found: the statistic as measured, the one tested, and the p-value. */
    public record Outcome(double statistic, double testedStatistic, double pValue, boolean exact) {
    }

    public static Outcome test(EmpiricalDistribution reference, EmpiricalDistribution current) {
        requireData(reference, current);
        double d = statistic(reference, current);
        double allowance = reference.rankError() + current.rankError();
        double tested = Math.max(0.0, d - allowance);
        return new Outcome(d, tested, pValue(tested, reference.count(), current.count()), allowance == 0.0);
    }

    /** sup |F₁(x) − F₂(x)|, evaluated at every support point of either distribution. */
    public static double statistic(EmpiricalDistribution a, EmpiricalDistribution b) {
        int i = 0;
        int j = 0;
        double fa = 0;
        double fb = 0;
        double max = 0;
        while (i < a.supportSize() || j < b.supportSize()) {
            double x = Math.min(i < a.supportSize() ? a.valueAt(i) : Double.POSITIVE_INFINITY,
                    j < b.supportSize() ? b.valueAt(j) : Double.POSITIVE_INFINITY);
            while (i < a.supportSize() && a.valueAt(i) == x) {
                fa = a.cdfAt(i++);
            }
            while (j < b.supportSize() && b.valueAt(j) == x) {
                fb = b.cdfAt(j++);
            }
            max = Math.max(max, Math.abs(fa - fb));
        }
        return max;
    }

    /** P(D ≥ d) under the null hypothesis for samples of n and m observations. */
    public static double pValue(double d, long n, long m) {
        if (d <= 0) {
            return 1.0;
        }
        if (d >= 1) {
            // Only complete separation reaches 1: its probability is 2 / C(n+m, n).
            return n * m < EXACT_LIMIT ? TEST.exactP(d, (int) n, (int) m, false) : 0.0;
        }
        int ni = (int) Math.min(n, Integer.MAX_VALUE);
        int mi = (int) Math.min(m, Integer.MAX_VALUE);
        if (n * m >= EXACT_LIMIT && d * Math.sqrt((double) n * m / (n + m)) < NEGLIGIBLE_T) {
            // Kolmogorov's series converges too slowly to sum near t = 0 (commons-math gives up and
            // throws); there the p-value differs from 1 by less than 1e-12.
            return 1.0;
        }
        double p = n * m < EXACT_LIMIT ? TEST.exactP(d, ni, mi, false) : TEST.approximateP(d, ni, mi);
        return Math.min(1.0, Math.max(0.0, p));
    }

    private static void requireData(EmpiricalDistribution reference, EmpiricalDistribution current) {
        if (reference.isEmpty() || current.isEmpty()) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
    }
}
