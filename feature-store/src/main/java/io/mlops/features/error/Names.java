package io.mlops.features.error;

import io.mlops.common.error.FieldError;
import java.util.List;
import java.util.Map;
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

    /** Longest description of a definition. */
    public static final int MAX_DESCRIPTION = 10_000;
    /** Most tags on a definition, and the longest key and value. */
    public static final int MAX_TAGS = 100;
    public static final int MAX_TAG_KEY = 256;
    public static final int MAX_TAG_VALUE = 4_096;

    /** A description and tags are free text, but bounded, without NUL (PostgreSQL refuses it) and with a value for every tag. */
    public static void checkDescriptionAndTags(String description, Map<String, String> tags, List<FieldError> errors) {
        if (description != null && (description.length() > MAX_DESCRIPTION || description.indexOf('\0') >= 0)) {
            errors.add(new FieldError("description", "at most " + MAX_DESCRIPTION + " characters, without NUL"));
        }
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags"));
            return;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue();
            if (key == null || key.isEmpty() || key.length() > MAX_TAG_KEY || key.indexOf('\0') >= 0) {
                errors.add(new FieldError("tags", "a key must have 1 to " + MAX_TAG_KEY + " characters, without NUL"));
            } else if (value == null) {
                errors.add(new FieldError("tags." + key, "needs a value (a string)"));
            } else if (value.length() > MAX_TAG_VALUE || value.indexOf('\0') >= 0) {
                errors.add(new FieldError("tags." + key, "at most " + MAX_TAG_VALUE + " characters, without NUL"));
            }
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
