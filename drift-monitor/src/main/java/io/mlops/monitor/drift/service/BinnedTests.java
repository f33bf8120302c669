package io.mlops.monitor.drift.service;

import io.mlops.monitor.stats.ChiSquared;
import io.mlops.monitor.stats.JensenShannon;
import io.mlops.monitor.stats.PopulationStability;
import io.mlops.monitor.stats.ProportionsZTest;
import io.mlops.monitor.stats.StatTest;

/** Runs a bin-based test (chi-squared, z, Jensen-Shannon, PSI) on shares that are already binned. */
final class BinnedTests {

    private BinnedTests() {
    }

    /** The test's score and statistic (NaN when it has none). */
    record Score(double score, double statistic, double pValue) {
    }

    static Score run(StatTest test, Binned b) {
        return switch (test) {
            case CHI_SQUARE -> chiSquare(b);
            case Z -> z(b);
            case JENSEN_SHANNON -> new Score(JensenShannon.distance(b.reference(), b.current()), Double.NaN, Double.NaN);
            case PSI -> new Score(psi(b), Double.NaN, Double.NaN);
            default -> throw new IllegalArgumentException(test + " is not a binned test");
        };
    }

    static double psi(Binned b) {
        return PopulationStability.index(b.reference(), b.current());
    }

    private static Score chiSquare(Binned b) {
        if (b.bins() < 2) {
            return new Score(1.0, 0.0, 1.0);
        }
        ChiSquared.Outcome o = ChiSquared.test(b.referenceCounts(), b.currentCounts());
        return new Score(o.pValue(), o.statistic(), o.pValue());
    }

    /** The first value in sorted order against the rest, as Evidently's {@code z_stat_test} (two bins: one against the other). */
    private static Score z(Binned b) {
        if (b.bins() < 2) {
            return new Score(1.0, 0.0, 1.0);
        }
        int first = 0;
        long[] ref = b.referenceCounts();
        long[] cur = b.currentCounts();
        long refTotal = 0;
        long curTotal = 0;
        for (int i = 0; i < ref.length; i++) {
            refTotal += ref[i];
            curTotal += cur[i];
        }
        ProportionsZTest.Outcome o = ProportionsZTest.test(ref[first], refTotal, cur[first], curTotal);
        return new Score(o.pValue(), o.statistic(), o.pValue());
    }
}
