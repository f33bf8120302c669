package io.mlops.cli.simulate;

import java.util.Map;

/**
 * What a simulation did. Latencies are measured from each request's intended send time (open
 * loop), so a stalled server shows up as latency rather than as a lower send rate.
 *
 * @param failuresByStatus failed requests by status and problem code, e.g. {@code 503 MODEL_NOT_READY}
 * @param firstDetails the problem detail (or transport error) of the first failure of each kind in
 *     {@code failuresByStatus}, which says why
 * @param byVersion answered predictions per model version, which shows alias moves during the run
 * @param driftAtSeconds when drift was injected, seconds after the start; negative if it was not
 * @param driftProblem why a planned drift did not happen (null when it did, or none was planned)
 */
public record SimulationReport(
        long sent,
        long ok,
        Map<String, Long> failuresByStatus,
        Map<String, String> firstDetails,
        Map<String, Long> byVersion,
        long feedbackSent,
        long feedbackFailed,
        double p50Millis,
        double p99Millis,
        double p999Millis,
        double maxMillis,
        double achievedRate,
        double driftAtSeconds,
        String driftProblem) {

    /** Each kind of failure with its count and the first one's detail, for a log line or an assertion message. */
    public String describeFailures() {
        StringBuilder text = new StringBuilder();
        failuresByStatus.forEach((kind, count) -> text.append(text.isEmpty() ? "" : "; ").append(kind).append(" ×")
                .append(count).append(": ").append(firstDetails.getOrDefault(kind, "?")));
        return text.toString();
    }

    /** Whether a planned drift did not happen: the run ended first, or its push failed or hung. */
    public boolean driftMissed() {
        return driftProblem != null;
    }

    public long failed() {
        return failuresByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
