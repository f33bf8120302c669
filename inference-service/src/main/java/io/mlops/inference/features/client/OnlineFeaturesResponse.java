package io.mlops.inference.features.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Feast's online response: one result per column, join keys first, then the features in request
 * order; each with a value, a status and an event timestamp per entity row.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OnlineFeaturesResponse(Metadata metadata, List<Column> results) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(@JsonProperty("feature_names") List<String> featureNames) {
    }

    /** Statuses are PRESENT, NULL_VALUE, NOT_FOUND or OUTSIDE_MAX_AGE. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Column(List<Object> values, List<String> statuses,
                         @JsonProperty("event_timestamps") List<String> eventTimestamps) {
    }
}
