package io.mlops.features.view.service;

import io.mlops.features.entity.service.KeyType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity key of a row as stored: the join key value as text, or for a view with several
 * entities the values joined by U+001F (a control character no key may contain). One text column
 * keeps the online table's primary key small and its lookups a single index probe.
 */
public final class EntityKeys {

    static final char SEPARATOR = '\u001f';
    /** Longest STRING join key: keys are ids, and the stored key of several must fit a B-tree entry. */
    public static final int MAX_KEY_BYTES = 256;

    private EntityKeys() {
    }

    /**
     * A join key value checked against its type: a {@link Long} for INT64, a {@link String} for
     * STRING. Throws {@link IllegalArgumentException} with a client-facing reason otherwise.
     */
    public static Object checkValue(KeyType type, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("join key is required");
        }
        if (type == KeyType.INT64) {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                return ((Number) raw).longValue();
            }
            if (raw instanceof BigInteger) {
                throw new IllegalArgumentException("INT64 join key is out of the 64-bit range");
            }
            throw new IllegalArgumentException("INT64 join key must be a JSON integer, got " + JsonTypes.of(raw));
        }
        if (!(raw instanceof String s)) {
            throw new IllegalArgumentException("STRING join key must be a JSON string, got " + JsonTypes.of(raw));
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("STRING join key must not be empty");
        }
        if (s.indexOf(SEPARATOR) >= 0 || s.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("STRING join key must not contain U+0000 or U+001F");
        }
        if (s.length() > MAX_KEY_BYTES / 4 && s.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("STRING join key must be at most " + MAX_KEY_BYTES + " bytes in UTF-8");
        }
        return s;
    }

    /** The stored key of one value (single-entity views). */
    public static String encode(Object checkedValue) {
        return checkedValue instanceof String s ? s : checkedValue.toString();
    }

    /** The stored key of checked values, one per join key of the view in order. */
    public static String encode(Object[] checkedValues) {
        if (checkedValues.length == 1) {
            return encode(checkedValues[0]);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < checkedValues.length; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append(encode(checkedValues[i]));
        }
        return out.toString();
    }

    /**
     * The key as it travels in {@code online-updated} events: the value itself (a number for INT64,
     * a string for STRING), or an object {joinKey: value} for a view with several entities.
     */
    public static Object toEventKey(List<JoinKey> joinKeys, String stored) {
        if (joinKeys.size() == 1) {
            return decodeOne(joinKeys.get(0).type(), stored);
        }
        String[] parts = stored.split(String.valueOf(SEPARATOR), -1);
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < joinKeys.size() && i < parts.length; i++) {
            key.put(joinKeys.get(i).name(), decodeOne(joinKeys.get(i).type(), parts[i]));
        }
        return key;
    }

    /** The stored key of an event key; throws {@link IllegalArgumentException} if it does not fit the view. */
    public static String fromEventKey(List<JoinKey> joinKeys, Object eventKey) {
        if (joinKeys.size() == 1) {
            return encode(checkValue(joinKeys.get(0).type(), eventKey));
        }
        if (!(eventKey instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a key of a view with several entities must be an object");
        }
        Object[] values = new Object[joinKeys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = checkValue(joinKeys.get(i).type(), map.get(joinKeys.get(i).name()));
        }
        return encode(values);
    }

    private static Object decodeOne(KeyType type, String text) {
        return type == KeyType.INT64 ? (Object) Long.parseLong(text) : text;
    }
}
