package io.mlops.events.inference;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which side of a deployment's traffic split answered (or, for shadow, observed) a request. */
public enum Arm {
    CHAMPION("champion"),
    CHALLENGER("challenger"),
    SHADOW("shadow");

    private final String wireName;

    Arm(String wireName) {
        this.wireName = wireName;
    }

    /** The name written in JSON, also fit for a metric tag. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
