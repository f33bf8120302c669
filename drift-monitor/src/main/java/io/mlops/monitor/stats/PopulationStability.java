package io.mlops.monitor.stats;

/**
 * The population stability index Σ (pᵢ − qᵢ)·ln(pᵢ / qᵢ) over bins, as Evidently computes it: an
 * empty bin would make the logarithm infinite, so zero shares are replaced by 0.0001 (or by the
 * smallest non-zero share divided by 10⁶ when that share is itself ≤ 0.0001) on each side.
 */
public final class PopulationStability {

    static final double FILL = 0.0001;

    private PopulationStability() {
    }

    public static double index(double[] reference, double[] current) {
        if (reference.length != current.length || reference.length == 0) {
            throw new IllegalArgumentException("PSI needs the same non-empty bins on both sides");
        }
        double[] p = fillZeroes(reference);
        double[] q = fillZeroes(current);
        double psi = 0;
        for (int i = 0; i < p.length; i++) {
            psi += (p[i] - q[i]) * Math.log(p[i] / q[i]);
        }
        return psi;
    }

    static double[] fillZeroes(double[] shares) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s > 0 && s < smallest) {
                smallest = s;
            }
        }
        double fill = smallest <= FILL ? smallest / 1e6 : FILL;
        double[] out = shares.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = fill;
            }
        }
        return out;
    }
}
