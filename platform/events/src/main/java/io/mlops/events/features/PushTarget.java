package io.mlops.events.features;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which store pushed rows are written to, spelled as the push API writes it. */
public enum PushTarget {
    ONLINE("online"),
    OFFLINE("offline"),
    ONLINE_AND_OFFLINE("online_and_offline");

    private final String wireName;

    PushTarget(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
