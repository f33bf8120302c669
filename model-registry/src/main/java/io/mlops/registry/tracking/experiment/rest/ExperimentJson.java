package io.mlops.registry.tracking.experiment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** An experiment: a named group of runs. Ids are decimal strings, as in MLflow. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentJson(String id, String name, String description, Map<String, String> tags,
                             Instant createdAt, String createdBy) {
}
