package io.mlops.monitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Chi-squared against scipy's documented chisquare examples; the z-test worked out by hand. */
class CategoricalTestsTest {

    @Test
    void chiSquaredAgainstUniformReferenceMatchesScipyDocs() {
        // scipy.stats.chisquare([16, 18, 16, 14, 12, 12]) -> statistic 2.0, pvalue 0.84914503608460956
        var outcome = ChiSquared.test(new long[] {10, 10, 10, 10, 10, 10}, new long[] {16, 18, 16, 14, 12, 12});
        assertEquals(2.0, outcome.statistic(), 1e-9);
        assertEquals(0.84914503608460956, outcome.pValue(), 1e-9);
    }

    @Test
    void chiSquaredWithUnequalExpectationsMatchesScipyDocs() {
        // scipy.stats.chisquare([16, 18, 16, 14, 12, 12], f_exp=[16, 16, 16, 16, 16, 8]) -> 3.5, 0.62338762774958223
        var outcome = ChiSquared.test(new long[] {16, 16, 16, 16, 16, 8}, new long[] {16, 18, 16, 14, 12, 12});
        assertEquals(3.5, outcome.statistic(), 1e-9);
        assertEquals(0.62338762774958223, outcome.pValue(), 1e-9);
    }

    @Test
    void aCategoryTheReferenceNeverSawIsInfinitelyUnlikely() {
        var outcome = ChiSquared.test(new long[] {10, 10, 0}, new long[] {5, 5, 1});
        assertEquals(Double.POSITIVE_INFINITY, outcome.statistic());
        assertEquals(0.0, outcome.pValue());
    }

    @Test
    void zTestByHand() {
        // p1 = 0.6, p2 = 0.4, pooled 0.5: z = 0.2 / sqrt(0.25 · (1/100 + 1/100)) = 2√2; p = 2(1 − Φ(2√2)) = 0.004677734981047177
        var outcome = ProportionsZTest.test(60, 100, 40, 100);
        assertEquals(2 * Math.sqrt(2), outcome.statistic(), 1e-12);
        assertEquals(0.004677734981047177, outcome.pValue(), 1e-12);
    }

    @Test
    void zTestOfOneIdenticalValueIsNoEvidence() {
        assertEquals(1.0, ProportionsZTest.test(50, 50, 80, 80).pValue());
    }
}
