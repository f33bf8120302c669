package io.mlops.features.view.service;

import java.util.List;
import java.util.Map;

/** Names the JSON type of a parsed value, for error messages a client can act on. */
public final class JsonTypes {

    private JsonTypes() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
            return "an integer";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }
}
