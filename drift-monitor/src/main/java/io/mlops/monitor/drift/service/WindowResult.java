package io.mlops.monitor.drift.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything measured on one closed window: stored as JSON and served by {@code GET /api/v1/drift/{model}}.
 *
 * @param monitoring {@code DRIFT} with a reference profile; {@code QUALITY_ONLY} without one
 *     (volume, missing values and latency are still measured)
 * @param prediction the model's outputs ({@code score}, {@code predictedLabel}) against the reference
 * @param driftedShare drifted features over tested features
 * @param unexpectedFeatures features sent that the reference does not have
 * @param missingRates without a profile, the missing rate of every feature seen
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowResult(
        String model,
        int version,
        WindowInfo window,
        String monitoring,
        List<ColumnDrift> features,
        Map<String, ColumnDrift> prediction,
        boolean datasetDrift,
        double driftedShare,
        List<String> driftedFeatures,
        LatencySummary latency,
        List<String> unexpectedFeatures,
        Map<String, Double> missingRates) {

    public static final String DRIFT = "DRIFT";
    public static final String QUALITY_ONLY = "QUALITY_ONLY";

    /**
     * @param start time of the window's first event
     * @param end time of its last event
     * @param size prediction rows in it
     * @param events prediction events (requests) in it
     * @param closedBy {@code size}, {@code time} or {@code idle}
     */
    public record WindowInfo(long sequence, Instant start, Instant end, long size, long events, String closedBy,
                             Instant closedAt) {
    }

    /** Model latency over the window's events, in milliseconds. */
    public record LatencySummary(double p50, double p95, double p99, double max) {
    }
}
