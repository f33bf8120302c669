package io.mlops.monitor.drift.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.monitor.stats.StatTest;
import org.junit.jupiter.api.Test;

class BinnedTestsTest {

    @Test
    void aZTestOverMoreThanTwoCategoriesTakesTheFirstInSortedOrderAsEvidently() {
        // Evidently's z_stat_test: sorted(keys)[0] against the rest. Reference A 10, B 80, C 10; window A 20,
        // B 80, C 0: A's share 0.1 against 0.2, pooled 0.15, z = -1.980, p = 0.0477 (drift). The reference's
        // most frequent category, B, would have found nothing (z = 0).
        Binned b = new Binned(new String[] {"A", "B", "C"}, new double[] {0.1, 0.8, 0.1}, new double[] {0.2, 0.8, 0.0},
                100, 100);

        BinnedTests.Score s = BinnedTests.run(StatTest.Z, b);

        assertEquals(0.04771, s.pValue(), 1e-4);
    }
}
