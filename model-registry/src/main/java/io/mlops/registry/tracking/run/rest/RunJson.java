package io.mlops.registry.tracking.run.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A training run. {@code metrics} holds each metric's latest value (highest step, then latest
 * timestamp), which is also what {@code metrics.x} means in a run filter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunJson(
        String id,
        String experimentId,
        String name,
        String status,
        Instant startTime,
        Instant endTime,
        String createdBy,
        Map<String, String> params,
        Map<String, String> tags,
        Map<String, Double> metrics,
        List<DatasetInput> datasets) {

    /** A dataset version the run read, and in which role ({@code training}, {@code validation}, ...). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetInput(String name, Integer version, String digest, Long rows, String context) {
    }
}
