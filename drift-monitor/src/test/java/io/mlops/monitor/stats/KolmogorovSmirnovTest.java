package io.mlops.monitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

/** Expected values are hand-derived or come from scipy.stats.ks_2samp (scipy 1.17) on the same inputs. */
class KolmogorovSmirnovTest {

    private static final double[] X = {0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06,
            0.64, -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47};
    private static final double[] Y = {2.2, 1.66, 1.38, 0.2, 0.36, 0.0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29,
            -0.27, -0.37, 0.38, 0.7, 0.19, -0.42, 0.55, -0.13, 0.6, 1.66, 1.34, 0.87, 2.31};

    @Test
    void completeSeparationHasTheExactProbabilityOfOneOrderingOutOfAllOfThem() {
        // Two of the C(10,5) = 252 equally likely orderings separate the samples completely.
        var outcome = KolmogorovSmirnov.test(sample(1, 2, 3, 4, 5), sample(6, 7, 8, 9, 10));
        assertEquals(1.0, outcome.statistic(), 1e-12);
        assertEquals(2.0 / 252, outcome.pValue(), 1e-12);
        assertTrue(outcome.exact());
    }

    @Test
    void smallSamplesMatchScipyExactMode() {
        // scipy.stats.ks_2samp(X, Y) -> statistic 0.25037037037037035, pvalue 0.320220734028593
        var outcome = KolmogorovSmirnov.test(EmpiricalDistribution.ofSample(X), EmpiricalDistribution.ofSample(Y));
        assertEquals(0.25037037037037035, outcome.statistic(), 1e-12);
        assertEquals(0.320220734028593, outcome.pValue(), 1e-9);
    }

    @Test
    void tiesCountOnceAtTheirValue() {
        // F_x = (2/3, 1), F_y = (1/3, 1) at the values 1 and 2: D = 1/3 (scipy: 0.3333, p = 1.0).
        var outcome = KolmogorovSmirnov.test(sample(1, 1, 2), sample(1, 2, 2));
        assertEquals(1.0 / 3, outcome.statistic(), 1e-12);
        assertEquals(1.0, outcome.pValue(), 1e-12);
    }

    @Test
    void aThousandAgainstAThousandIsTestedExactlyAsScipy() {
        double[] x = new double[1000];
        double[] y = new double[1000];
        for (int i = 0; i < 1000; i++) {
            x[i] = i / 1000.0;
            y[i] = i / 1000.0 + 0.07;
        }
        // scipy.stats.ks_2samp(x, y) (exact mode) -> statistic 0.071, pvalue 0.012912352230759101
        var outcome = KolmogorovSmirnov.test(EmpiricalDistribution.ofSample(x), EmpiricalDistribution.ofSample(y));
        assertEquals(0.071, outcome.statistic(), 1e-9);
        assertEquals(0.012912352230759101, outcome.pValue(), 1e-9);
    }

    @Test
    void unequalSampleSizesGetScipysExactPValueWhereTheLimitMissedDrift() {
        // scipy.stats._stats_py._attempt_exact_2kssamp(n, m, gcd, d, 'two-sided'), scipy 1.17.
        // The Kolmogorov limit gave 0.0600 for the first: no drift at 0.05, where scipy finds drift.
        assertEquals(0.04988419849935367, KolmogorovSmirnov.pValue(0.24533333333333332, 30, 1000), 1e-9);
        assertEquals(0.04957269597866679, KolmogorovSmirnov.pValue(0.141, 100, 1000), 1e-9);
        assertEquals(0.04871092157039389, KolmogorovSmirnov.pValue(0.089, 1000, 300), 1e-9);
        assertEquals(0.173202614379085, KolmogorovSmirnov.pValue(0.4935064935064935, 7, 11), 1e-9);
        assertEquals(2.0 / 252, KolmogorovSmirnov.pValue(1.0, 5, 5), 1e-12);
    }

    @Test
    void aPValueExactlyAtTheThresholdIsDriftForKsButNotForChiSquaredAsInEvidently() {
        assertTrue(StatTest.KS.drifted(0.05, 0.05));
        assertFalse(StatTest.CHI_SQUARE.drifted(0.05, 0.05));
        assertFalse(StatTest.Z.drifted(0.05, 0.05));
        assertTrue(StatTest.WASSERSTEIN.drifted(0.1, 0.1));
        assertFalse(StatTest.KS.drifted(Double.NaN, 0.05));
    }

    @Test
    void beyondTheExactRangeTheCorrectedLimitIsCloseToScipysAsymptoticValue() {
        // scipy.stats.kstwo.sf(d, round(n·m/(n+m))), what ks_2samp uses beyond 10,000 a side.
        // {d, n, m, scipy's p}
        double[][] cases = {
            {0.013581, 20_000, 20_000, 0.04954554817504908},
            {0.016276, 20_000, 20_000, 0.009891673062759482},
            {0.05, 100_000, 1000, 0.013679599197315083},
            {0.02, 200_000, 5000, 0.039844754051313935}};
        for (double[] c : cases) {
            long n = (long) c[1];
            long m = (long) c[2];
            assertTrue(KolmogorovSmirnov.exactCells(c[0], n, m) > 1e7, "beyond the exact range");
            assertEquals(c[3], KolmogorovSmirnov.pValue(c[0], n, m), 2e-4);
        }
    }

    @Test
    void sketchesAllowForTheirRankErrorSoTheSameDistributionIsNotFlagged() {
        SplittableRandom random = new SplittableRandom(7);
        KllDoublesSketch a = KllDoublesSketch.newHeapInstance(200);
        KllDoublesSketch b = KllDoublesSketch.newHeapInstance(200);
        for (int i = 0; i < 50_000; i++) {
            a.update(gaussian(random));
            b.update(gaussian(random));
        }
        var same = KolmogorovSmirnov.test(EmpiricalDistribution.ofSketch(a), EmpiricalDistribution.ofSketch(b));
        assertFalse(same.exact());
        assertTrue(same.testedStatistic() < same.statistic() || same.statistic() == 0);
        assertTrue(same.pValue() > 0.05, "same distribution flagged: " + same);

        KllDoublesSketch shifted = KllDoublesSketch.newHeapInstance(200);
        for (int i = 0; i < 50_000; i++) {
            shifted.update(gaussian(random) + 0.25);
        }
        var drift = KolmogorovSmirnov.test(EmpiricalDistribution.ofSketch(a), EmpiricalDistribution.ofSketch(shifted));
        assertTrue(drift.pValue() < 1e-6, "a quarter-std shift over 50,000 rows missed: " + drift);
    }

    @Test
    void aSketchBelowItsCapacityIsExact() {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (double v : X) {
            sketch.update(v);
        }
        var outcome = KolmogorovSmirnov.test(EmpiricalDistribution.ofSketch(sketch), EmpiricalDistribution.ofSample(Y));
        assertTrue(outcome.exact());
        assertEquals(0.320220734028593, outcome.pValue(), 1e-9);
    }

    static EmpiricalDistribution sample(double... values) {
        return EmpiricalDistribution.ofSample(values);
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller from a seeded generator, so the test data never change.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void aStatisticNextToZeroHasPValueOneInsteadOfFailingTheSeries() {
        // What a quantile reference (rank error 0.01) leaves of a window's D of 0.010000000000000009.
        assertEquals(1.0, KolmogorovSmirnov.pValue(1e-17, 1000, 101), 0.0);
        assertEquals(1.0, KolmogorovSmirnov.pValue(0.005, 1000, 1000), 1e-12);
    }
}
