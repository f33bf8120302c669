package io.mlops.features.online.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mlops.features.online.service.FeatureStatus;
import java.util.List;

/**
 * Feast's online response: one result per column (join keys first), each with a value, a status
 * and an event timestamp per entity row. Arrays rather than lists keep the hot path's allocations
 * to one per column.
 */
public record OnlineFeaturesResponse(Metadata metadata, List<FeatureVector> results) {

    public record Metadata(@JsonProperty("feature_names") List<String> featureNames) {
    }

    public record FeatureVector(Object[] values, FeatureStatus[] statuses,
                                @JsonProperty("event_timestamps") String[] eventTimestamps) {
    }
}
