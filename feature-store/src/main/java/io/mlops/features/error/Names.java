package io.mlops.features.error;

import io.mlops.common.error.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** The naming rules of the contract, checked the same way by every definition endpoint. */
public final class Names {

    /** Entity, feature view and feature service names. */
    public static final Pattern RESOURCE = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");
    /**
     * Join keys and feature names become column names in pushed rows, CSV headers and model
     * inputs: identifier-like, with the case, dots and dashes real data sets use, but never the
     * {@code :} and {@code @} of feature references nor whitespace.
     */
    public static final Pattern COLUMN = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,127}$");
    /** The column every row carries its event time in, as in Feast. */
    public static final String EVENT_TIMESTAMP = "event_timestamp";

    private Names() {
    }

    public static void checkResource(String field, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!RESOURCE.matcher(value).matches()) {
            errors.add(new FieldError(field, "'" + value + "' must match " + RESOURCE.pattern()));
        }
    }

    public static void checkColumn(String field, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!COLUMN.matcher(value).matches()) {
            errors.add(new FieldError(field, "'" + value + "' must match " + COLUMN.pattern()));
        } else if (EVENT_TIMESTAMP.equals(value)) {
            errors.add(new FieldError(field, "'" + EVENT_TIMESTAMP + "' is reserved for the event time"));
        }
    }
}
