package io.mlops.events.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an alert is about: the whole input, single features, or live model quality. */
public enum AlertScope {
    DATASET("dataset"),
    FEATURE("feature"),
    PERFORMANCE("performance");

    private final String wireName;

    AlertScope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
