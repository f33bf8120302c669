package io.mlops.inference.predict.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the predict API does when a feature the model needs has no value. */
public enum MissingFeaturePolicy {
    /** Answer 422 FEATURES_MISSING naming the features. */
    FAIL,
    /** Use the reference profile's mean (numeric) or no category (categorical), as training does, and report it. */
    IMPUTE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code fail} / {@code impute} in any case; anything else is null (the caller reports it). */
    @JsonCreator
    public static MissingFeaturePolicy parse(String value) {
        if (value == null) {
            return null;
        }
        for (MissingFeaturePolicy p : values()) {
            if (p.name().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be 'fail' or 'impute'");
    }
}
