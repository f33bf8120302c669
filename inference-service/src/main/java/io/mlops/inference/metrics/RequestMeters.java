package io.mlops.inference.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The request meters of one served (model, version, alias), created once so the hot path only
 * increments: no registry lookup, no tag allocation per request.
 */
public final class RequestMeters {

    private final Counter[] byOutcome;
    private final Timer latency;

    RequestMeters(Counter[] byOutcome, Timer latency) {
        this.byOutcome = byOutcome;
        this.latency = latency;
    }

    public void record(Outcome outcome, long nanos) {
        byOutcome[outcome.ordinal()].increment();
        if (outcome == Outcome.OK) {
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void addTo(List<Meter> meters) {
        meters.addAll(List.of(byOutcome));
        meters.add(latency);
    }
}
