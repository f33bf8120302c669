package io.mlops.monitor.stats;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov-Smirnov test, two-sided, as {@code scipy.stats.ks_2samp}.
 *
 * <p>The statistic is computed here, with ties handled exactly (commons-math3 would jitter tied
 * values before its exact test, which changes D). The p-value is P(D ≥ d) under the null
 * hypothesis: exact, as scipy's default, by counting the orderings of the two samples whose
 * empirical distributions stay closer than d, while that visits at most 10⁷ cells (about 2·d·n·m:
 * every reference and window of the default sizes, and larger ones when d is small); beyond it the
 * Kolmogorov limit with Stephens' correction for the sample sizes.
 *
 * <p>When either side is a sketch or a quantile summary, D is only known within the two rank
 * errors, so the test uses D − ε₁ − ε₂: a sketch can hide drift of that size but never invents it,
 * the same allowance DataSketches' own KS test makes.
 */
public final class KolmogorovSmirnov {

    /** Below this scaled statistic the asymptotic p-value is 1 to twelve decimals. */
    private static final double NEGLIGIBLE_T = 0.2;

    /** Most cells an exact p-value may visit: some 12 ms (see {@link #exactCells}). */
    private static final double EXACT_CELLS = 1e7;
    private static final int INVERSE_TABLE_MAX = 1 << 20;
    private static final KolmogorovSmirnovTest KOLMOGOROV = new KolmogorovSmirnovTest();
    private static final double KOLMOGOROV_TOLERANCE = 1e-20;
    private static final int KOLMOGOROV_TERMS = 100_000;

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
        if (n <= Integer.MAX_VALUE && m <= Integer.MAX_VALUE && exactCells(d, n, m) <= EXACT_CELLS) {
            return Math.min(1.0, Math.max(0.0, exactP(d, (int) n, (int) m)));
        }
        // Stephens (1970): the limit distribution at t = d·(√ne + 0.12 + 0.11/√ne) is within a few
        // 10⁻⁴ of the exact p-value for unequal sizes, where the plain limit overstates it.
        double root = Math.sqrt((double) n * m / (n + m));
        double t = d * (root + 0.12 + 0.11 / root);
        if (t < NEGLIGIBLE_T) {
            // Kolmogorov's series converges too slowly to sum near t = 0 (commons-math gives up and
            // throws); there the p-value differs from 1 by less than 1e-12.
            return 1.0;
        }
        // ksSum is Kolmogorov's distribution function P(K ≤ t).
        return Math.min(1.0, Math.max(0.0, 1.0 - KOLMOGOROV.ksSum(t, KOLMOGOROV_TOLERANCE, KOLMOGOROV_TERMS)));
    }

    /** Cells {@link #exactP} visits: n rows of the band around the diagonal that is about 2·d·m wide. */
    static double exactCells(double d, long n, long m) {
        return (double) n * Math.min(m + 1, 2 * d * m + 3);
    }

    /**
     * The exact P(D ≥ d) for samples of n and m values without ties: one minus the share of the
     * C(n+m, n) equally likely orderings whose path from (0, 0) to (n, m) stays where
     * |i/n − j/m| &lt; d. The share of paths to (i, j) that stayed inside follows
     * q(i, j) = (i·q(i−1, j) + j·q(i, j−1)) / (i + j), which stays within [0, 1] where counting the
     * paths would overflow. Only the band around the diagonal can be non-zero, so each row visits
     * about 2·d·m cells: a window that did not drift (small d) costs little.
     */
    static double exactP(double d, int n, int m) {
        // i·m − j·n is an integer and d·n·m is one too for an observed statistic (a multiple of
        // 1/lcm(n, m)): shave it so a path that reaches d exactly counts as outside.
        double limit = d * n * m * (1 - 1e-12);
        double[] q = new double[m + 1];
        // A multiplication per cell instead of a division, the loop's main cost; the table is left
        // out for a very large sample (a reference of millions tested by KS on request).
        double[] inverse = n + m <= INVERSE_TABLE_MAX ? new double[n + m + 1] : null;
        for (int k = 1; inverse != null && k < inverse.length; k++) {
            inverse[k] = 1.0 / k;
        }
        int lo = 0;
        int hi = Math.min(m, (int) Math.ceil(limit / n));
        q[0] = 1.0;
        for (int j = 1; j <= hi; j++) {
            q[j] = (double) j * n < limit ? q[j - 1] : 0.0;
        }
        for (int i = 1; i <= n; i++) {
            long im = (long) i * m;
            // One cell wider than the band on each side; the test below decides each cell.
            int newLo = (int) Math.max(0, Math.floor((im - limit) / n));
            int newHi = (int) Math.min(m, Math.ceil((im + limit) / n));
            for (int j = lo; j < newLo; j++) {
                q[j] = 0.0; // left the band: no path through it stays inside
            }
            lo = newLo;
            hi = newHi;
            q[lo] = Math.abs(im - (long) lo * n) < limit ? i * q[lo] * inverse(inverse, i + lo) : 0.0;
            for (int j = lo + 1; j <= hi; j++) {
                q[j] = Math.abs(im - (long) j * n) < limit ? (i * q[j] + j * q[j - 1]) * inverse(inverse, i + j) : 0.0;
            }
        }
        return 1.0 - q[m];
    }

    private static double inverse(double[] table, int k) {
        return table != null ? table[k] : 1.0 / k;
    }

    private static void requireData(EmpiricalDistribution reference, EmpiricalDistribution current) {
        if (reference.isEmpty() || current.isEmpty()) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
    }
}
