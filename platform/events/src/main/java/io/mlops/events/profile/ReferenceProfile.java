package io.mlops.events.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What "normal" looks like for a model version: its raw input features (before one-hot encoding)
 * and its outputs on the reference data. Made by the trainer, stored by the registry with the
 * version, served at {@code .../reference-profile}, and read by the drift monitor.
 *
 * @param score the distribution of the score (probability of the positive label, or the
 *     regression value)
 * @param predictedLabel the distribution of predicted labels (classification only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferenceProfile(
        Map<String, FeatureProfile> features,
        FeatureProfile score,
        FeatureProfile predictedLabel) {

    public ReferenceProfile {
        features = features == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
