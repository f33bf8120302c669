package io.mlops.monitor.stats;

/**
 * Turns two distributions into comparable bin shares the way Evidently's {@code get_binned_data}
 * does: equal-width bins over the combined range with Sturges' rule on the combined count
 * ({@code numpy.histogram_bin_edges(..., bins="sturges")}), the last bin closed on the right.
 */
public final class Histograms {

    private Histograms() {
    }

    /** Bin edges for data spanning [min, max] with {@code n} observations in all. */
    public static double[] sturgesEdges(double min, double max, long n) {
        if (!(max > min)) {
            // numpy widens an empty range to ±0.5 and uses a single bin.
            return new double[] {min - 0.5, max + 0.5};
        }
        // numpy's own arithmetic, step for step: a bin count from the Sturges width, and linspace's
        // edges (i times the step, plus the start), so a value on an edge falls in the same bin.
        long size = Math.max(n, 1);
        double log2 = Long.bitCount(size) == 1 ? Long.numberOfTrailingZeros(size) : Math.log(size) / Math.log(2);
        double width = (max - min) / (log2 + 1.0);
        // numpy's "if width" too: a range of a few subnormals has a width of 0, and then one bin.
        int bins = width > 0 ? Math.max(1, (int) Math.ceil((max - min) / width)) : 1;
        double step = (max - min) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i * step + min;
        }
        edges[bins] = max;
        return edges;
    }

    /** Share of the distribution in each bin [e_i, e_{i+1}), the last bin [e_{k-1}, e_k]. */
    public static double[] shares(EmpiricalDistribution d, double[] edges) {
        int bins = edges.length - 1;
        double[] out = new double[bins];
        for (int i = 0; i < bins; i++) {
            double upper = i == bins - 1 ? d.cdf(edges[i + 1]) : d.cdfBelow(edges[i + 1]);
            out[i] = Math.max(0.0, upper - d.cdfBelow(edges[i]));
        }
        return out;
    }

    /** Share of each of {@code keys} among {@code total} observations. */
    public static double[] shares(long[] counts, long total) {
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = total == 0 ? 0.0 : (double) counts[i] / total;
        }
        return out;
    }
}
