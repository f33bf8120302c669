package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The registered dataset version a model was trained on, so a version can be traced to its data.
 *
 * @param digest content digest of the dataset version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingData(String name, int version, String digest, long rows) {
}
