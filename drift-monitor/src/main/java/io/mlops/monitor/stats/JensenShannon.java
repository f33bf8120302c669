package io.mlops.monitor.stats;

/**
 * The Jensen-Shannon distance (the square root of the divergence, natural logarithm), as
 * {@code scipy.spatial.distance.jensenshannon}, which Evidently thresholds at 0.1. Both vectors are
 * normalised to sum to one first. Empty bins need no smoothing here: the mixture M is positive
 * wherever P or Q is, and 0·ln 0 is taken as 0, which is exact; smoothing would bias the distance.
 */
public final class JensenShannon {

    private JensenShannon() {
    }

    public static double distance(double[] p, double[] q) {
        if (p.length != q.length || p.length == 0) {
            throw new IllegalArgumentException("Jensen-Shannon needs the same non-empty bins on both sides");
        }
        double sp = sum(p);
        double sq = sum(q);
        if (sp <= 0 || sq <= 0) {
            throw new IllegalArgumentException("Jensen-Shannon needs some mass on both sides");
        }
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / sp;
            double qi = q[i] / sq;
            double m = (pi + qi) / 2;
            divergence += relativeEntropy(pi, m) + relativeEntropy(qi, m);
        }
        return Math.sqrt(Math.max(0.0, divergence / 2));
    }

    private static double relativeEntropy(double x, double y) {
        return x > 0 ? x * Math.log(x / y) : 0.0;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
