package io.mlops.registry.tracking.run.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One logged metric value; {@code step} defaults to 0 and {@code timestamp} to the time it was received. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricPoint(String key, Double value, Long step, Instant timestamp) {
}
