package io.mlops.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one open-loop run measured: latency from each request's intended send time (so a stall
 * counts for every request queued behind it), how many answered 2xx and how many did not.
 */
public record LatencyResult(double targetRate, double achievedRate, long sent, long ok, long failed,
                            double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                            double sendLagP99Ms, String cpu) {

    /** {@code sendLagP99Ms} of runs without an HTTP generator (in-process loops, paced or not). */
    public static final double NO_SEND_LAG = Double.NaN;

    static LatencyResult of(double targetRate, double seconds, long sent, long ok, long failed, Histogram h,
                            Histogram sendLag) {
        return new LatencyResult(targetRate, sent / seconds, sent, ok, failed,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()), h.getTotalCount() == 0 ? 0 : h.getMean() / 1_000_000.0,
                sendLag == null || sendLag.getTotalCount() == 0 ? NO_SEND_LAG : ms(sendLag.getValueAtPercentile(99)),
                null);
    }

    /** The same figures with where the machine's CPU went meanwhile. */
    public LatencyResult withCpu(String description) {
        return new LatencyResult(targetRate, achievedRate, sent, ok, failed, p50Ms, p99Ms, p999Ms, maxMs, meanMs,
                sendLagP99Ms, description);
    }

    /** Latencies of an in-process loop (no rate: every call follows the last). */
    public static LatencyResult ofLoop(long calls, double seconds, Histogram h) {
        return of(0, seconds, calls, calls, 0, h, null);
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
