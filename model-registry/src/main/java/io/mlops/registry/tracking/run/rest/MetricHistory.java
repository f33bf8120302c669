package io.mlops.registry.tracking.run.rest;

import java.util.List;

/** Every value logged for one metric of a run, by step then time. */
public record MetricHistory(String runId, String key, List<MetricPoint> history) {
}
