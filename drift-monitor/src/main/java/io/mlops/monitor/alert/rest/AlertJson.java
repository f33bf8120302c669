package io.mlops.monitor.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.events.drift.AlertScope;
import io.mlops.events.drift.DriftAlert;
import java.time.Instant;
import java.util.List;

/** An alert as {@code GET /api/v1/alerts} shows it: the event's data, plus its type and time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertJson(
        String type,
        Instant raisedAt,
        String alertId,
        String model,
        int version,
        AlertScope scope,
        List<String> features,
        double driftedShare,
        String metric,
        Double value,
        double threshold,
        Instant windowStart,
        Instant windowEnd) {

    static AlertJson of(String type, DriftAlert a, Instant raisedAt) {
        return new AlertJson(type, raisedAt, a.alertId(), a.model(), a.version(), a.scope(), a.features(),
                a.driftedShare(), a.metric(), a.value(), a.threshold(), a.windowStart(), a.windowEnd());
    }
}
