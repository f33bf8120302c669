package io.mlops.monitor.stats;

/**
 * The first Wasserstein (earth mover's) distance between two one-dimensional distributions,
 * ∫|F₁(x) − F₂(x)| dx, as {@code scipy.stats.wasserstein_distance}; and Evidently's drift score,
 * that distance divided by the reference standard deviation (floored at 0.001 so a constant
 * reference does not divide by zero).
 */
public final class Wasserstein {

    /** Evidently's floor for the normalising standard deviation. */
    public static final double MIN_NORM = 0.001;

    private Wasserstein() {
    }

    public static double distance(EmpiricalDistribution a, EmpiricalDistribution b) {
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("both distributions need at least one value");
        }
        int i = 0;
        int j = 0;
        double fa = 0;
        double fb = 0;
        double previous = Double.NaN;
        double area = 0;
        while (i < a.supportSize() || j < b.supportSize()) {
            double x = Math.min(i < a.supportSize() ? a.valueAt(i) : Double.POSITIVE_INFINITY,
                    j < b.supportSize() ? b.valueAt(j) : Double.POSITIVE_INFINITY);
            if (!Double.isNaN(previous)) {
                area += Math.abs(fa - fb) * (x - previous);
            }
            while (i < a.supportSize() && a.valueAt(i) == x) {
                fa = a.cdfAt(i++);
            }
            while (j < b.supportSize() && b.valueAt(j) == x) {
                fb = b.cdfAt(j++);
            }
            previous = x;
        }
        return area;
    }

    /** Distance in units of the reference standard deviation. */
    public static double normalised(EmpiricalDistribution reference, EmpiricalDistribution current, double referenceStd) {
        double norm = Double.isFinite(referenceStd) ? Math.max(referenceStd, MIN_NORM) : MIN_NORM;
        return distance(reference, current) / norm;
    }
}
