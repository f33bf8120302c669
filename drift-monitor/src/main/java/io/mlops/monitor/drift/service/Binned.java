package io.mlops.monitor.drift.service;

/**
 * Reference and current shares over the same bins (categories, distinct values or histogram bins),
 * with the observation counts behind them, for chi-squared, z, Jensen-Shannon and PSI.
 */
record Binned(String[] labels, double[] reference, double[] current, long referenceCount, long currentCount) {

    long[] referenceCounts() {
        return counts(reference, referenceCount);
    }

    long[] currentCounts() {
        return counts(current, currentCount);
    }

    int bins() {
        return labels.length;
    }

    private static long[] counts(double[] shares, long total) {
        long[] out = new long[shares.length];
        for (int i = 0; i < shares.length; i++) {
            out[i] = Math.round(shares[i] * total);
        }
        return out;
    }
}
