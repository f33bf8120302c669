package io.mlops.monitor.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Wasserstein, Jensen-Shannon, PSI and the histogram they share, against the examples in scipy's
 * documentation and values worked out by hand.
 */
class DistancesTest {

    @Test
    void wassersteinMatchesScipyDocumentationExamples() {
        assertEquals(5.0, Wasserstein.distance(
                EmpiricalDistribution.ofSample(new double[] {0, 1, 3}),
                EmpiricalDistribution.ofSample(new double[] {5, 6, 8})), 1e-12);
        assertEquals(0.25, Wasserstein.distance(
                EmpiricalDistribution.ofWeighted(new double[] {0, 1}, new double[] {3, 1}, 4),
                EmpiricalDistribution.ofWeighted(new double[] {0, 1}, new double[] {2, 2}, 4)), 1e-12);
        assertEquals(4.0781331438047861, Wasserstein.distance(
                EmpiricalDistribution.ofWeighted(new double[] {3.4, 3.9, 7.5, 7.8}, new double[] {1.4, 0.9, 3.1, 7.2}, 4),
                EmpiricalDistribution.ofWeighted(new double[] {4.5, 1.4}, new double[] {3.2, 3.5}, 2)), 1e-12);
    }

    @Test
    void wassersteinIsNormalisedByTheReferenceStdWithEvidentlysFloor() {
        var a = EmpiricalDistribution.ofSample(new double[] {0, 1, 3});
        var b = EmpiricalDistribution.ofSample(new double[] {5, 6, 8});
        assertEquals(2.5, Wasserstein.normalised(a, b, 2.0), 1e-12);
        assertEquals(5.0 / 0.001, Wasserstein.normalised(a, b, 0.0), 1e-6);
    }

    @Test
    void jensenShannonMatchesScipyDocumentationExamples() {
        // scipy: jensenshannon([1,0,0],[0,1,0], 2.0) = 1.0, i.e. sqrt(ln 2) in the natural log Evidently uses.
        assertEquals(Math.sqrt(Math.log(2)), JensenShannon.distance(new double[] {1, 0, 0}, new double[] {0, 1, 0}), 1e-12);
        assertEquals(0.46450140402245893, JensenShannon.distance(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-12);
        assertEquals(0.0, JensenShannon.distance(new double[] {1, 0, 0}, new double[] {1, 0, 0}), 1e-12);
        // Unnormalised counts are normalised first.
        assertEquals(0.46450140402245893, JensenShannon.distance(new double[] {10, 0}, new double[] {3, 3}), 1e-12);
    }

    @Test
    void psiByHand() {
        // (0.5-0.25)·ln(0.5/0.25) + (0.5-0.75)·ln(0.5/0.75) = 0.25·ln 2 + 0.25·ln 1.5
        assertEquals(0.25 * Math.log(2) + 0.25 * Math.log(1.5),
                PopulationStability.index(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), 1e-12);
        assertEquals(0.0, PopulationStability.index(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}), 1e-12);
    }

    @Test
    void psiFillsEmptyBinsLikeEvidently() {
        // The empty reference bin becomes 0.0001: 0.25·ln 2 + (0.0001 − 0.25)·ln(0.0001 / 0.25) = 2.1285158932529735
        assertEquals(2.1285158932529735,
                PopulationStability.index(new double[] {0.5, 0.5, 0}, new double[] {0.5, 0.25, 0.25}), 1e-12);
        // A non-zero share at or below 0.0001 makes the fill a millionth of it.
        assertArrayEquals(new double[] {0.00005, 0.00005 / 1e6, 0.99995},
                PopulationStability.fillZeroes(new double[] {0.00005, 0, 0.99995}), 1e-18);
    }

    @Test
    void sturgesBinsMatchNumpy() {
        // numpy.histogram_bin_edges(np.arange(11), bins="sturges") -> [0, 2, 4, 6, 8, 10]; counts [2, 2, 2, 2, 3]
        double[] edges = Histograms.sturgesEdges(0, 10, 11);
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, edges, 1e-12);
        double[] values = new double[11];
        for (int i = 0; i < 11; i++) {
            values[i] = i;
        }
        assertArrayEquals(new double[] {2 / 11.0, 2 / 11.0, 2 / 11.0, 2 / 11.0, 3 / 11.0},
                Histograms.shares(EmpiricalDistribution.ofSample(values), edges), 1e-12);
        assertArrayEquals(new double[] {4.5, 5.5}, Histograms.sturgesEdges(5, 5, 3), 1e-12);
    }

    @Test
    void sturgesEdgesAreNumpysToTheLastBit() {
        // numpy.histogram_bin_edges over 60 values in [-3.0, 1.9]: 7 bins, edges from linspace (i * step + start),
        // so its sixth edge is 0.5000000000000004 and a value of exactly 0.5 falls in the bin below it.
        double[] edges = Histograms.sturgesEdges(-3.0, 1.9, 60);
        assertEquals(8, edges.length);
        assertEquals(0.5000000000000004, edges[5], 0.0);
        assertEquals(1.9, edges[7], 0.0);
        // 1,024 values: log2 is exactly 10, so 11 bins.
        assertEquals(12, Histograms.sturgesEdges(0, 1, 1024).length);
    }
}
