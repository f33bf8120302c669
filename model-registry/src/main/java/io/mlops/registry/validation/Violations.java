package io.mlops.registry.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.db.SqlTimes;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Collects every broken rule of a request before answering, so a client fixes them all in one go;
 * {@link #throwIfAny()} raises 422 {@code VALIDATION_FAILED} with one entry per field.
 */
public final class Violations {

    /** PostgreSQL text and jsonb cannot hold NUL: said here rather than failing the statement. */
    private static final String NUL = "must not contain a NUL character";

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void name(String field, String value) {
        if (value == null) {
            add(field, "is required");
        } else if (!Names.isValid(value)) {
            add(field, Names.rule());
        }
    }

    public void text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            add(field, "is " + value.length() + " characters long; the limit is " + maxLength);
        } else if (hasNul(value)) {
            add(field, NUL);
        }
    }


    /** A time PostgreSQL's timestamptz can hold and people mean: years 1 to 9999 (or none). */
    public void time(String field, Instant value) {
        // Compared, not converted: a year past Instant's own range of dates (+1000000000) cannot
        // be turned into a date at all.
        if (!SqlTimes.storable(value)) {
            add(field, "must fall in the years 1 to 9999, not " + value);
        }
    }

    /**
     * Every string in {@code value} (map keys included, and the text and field names of a JSON
     * tree), checked for NUL; the first one found is reported under its path.
     */
    public void noNul(String field, Object value) {
        String at = nulPath(field, value);
        if (at != null) {
            add(at, NUL);
        }
    }

    private static String nulPath(String path, Object value) {
        if (value instanceof JsonNode node && node.isTextual()) {
            return hasNul(node.textValue()) ? path : null;
        }
        if (value instanceof String text) {
            return hasNul(text) ? path : null;
        }
        if (value instanceof List<?> || value instanceof JsonNode node && node.isArray()) {
            int i = 0;
            for (Object item : (Iterable<?>) value) {
                String at = nulPath(path + "[" + i++ + "]", item);
                if (at != null) {
                    return at;
                }
            }
            return null;
        }
        Iterator<? extends Map.Entry<?, ?>> entries = value instanceof JsonNode node ? node.fields()
                : value instanceof Map<?, ?> map ? map.entrySet().iterator() : Collections.emptyIterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> e = entries.next();
            String key = String.valueOf(e.getKey());
            String at = hasNul(key) ? path : nulPath(path + "." + key, e.getValue());
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    public static boolean hasNul(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    /** Keys and values of a string map: non-blank keys, bounded sizes, no null values. */
    public void stringMap(String field, Map<String, String> map, int maxEntries, int maxKeyLength, int maxValueLength) {
        if (map == null) {
            return;
        }
        if (map.size() > maxEntries) {
            add(field, "has " + map.size() + " entries; the limit is " + maxEntries);
            return;
        }
        map.forEach((key, value) -> {
            String path = field + "." + key;
            if (key == null || key.isBlank()) {
                add(field, "keys must not be blank");
            } else if (key.length() > maxKeyLength) {
                add(field, "key of " + key.length() + " characters; the limit is " + maxKeyLength);
            } else if (hasNul(key)) {
                add(field, "keys " + NUL);
            } else if (value == null) {
                add(path, "must not be null");
            } else if (value.length() > maxValueLength) {
                add(path, "is " + value.length() + " characters long; the limit is " + maxValueLength);
            } else if (hasNul(value)) {
                add(path, NUL);
            }
        });
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message()
                    : "The request breaks " + errors.size() + " rules; see errors";
            throw PlatformException.validation(detail, errors);
        }
    }
}
