package io.mlops.events.profile;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The distribution of one raw feature (or model output) in the reference data, as the registry
 * stores it with a model version and the drift monitor compares live windows against it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericProfile.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalProfile.class, name = "categorical")})
public sealed interface FeatureProfile permits NumericProfile, CategoricalProfile {

    /** Values present (not null) in the reference data. */
    long count();

    /** Values missing in the reference data. */
    long nullCount();
}
