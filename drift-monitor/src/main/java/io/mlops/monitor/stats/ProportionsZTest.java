package io.mlops.monitor.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-proportion z-test Evidently uses for binary columns with a small reference: the pooled
 * standard error, two-sided, p = 2·(1 − Φ(|z|)). Identical single values on both sides give p = 1.
 */
public final class ProportionsZTest {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private ProportionsZTest() {
    }

    public record Outcome(double statistic, double pValue) {
    }

    /**
     * @param refHits reference observations equal to one of the two values
     * @param refTotal all reference observations
     * @param curHits current observations equal to that same value
     * @param curTotal all current observations
     */
    public static Outcome test(long refHits, long refTotal, long curHits, long curTotal) {
        if (refTotal <= 0 || curTotal <= 0) {
            throw new IllegalArgumentException("the z-test needs observations on both sides");
        }
        double p1 = (double) refHits / refTotal;
        double p2 = (double) curHits / curTotal;
        double pooled = (double) (refHits + curHits) / (refTotal + curTotal);
        double variance = pooled * (1 - pooled) * (1.0 / refTotal + 1.0 / curTotal);
        if (variance == 0) {
            return new Outcome(0.0, 1.0);
        }
        double z = (p1 - p2) / Math.sqrt(variance);
        return new Outcome(z, 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z))));
    }
}
