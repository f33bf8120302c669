package io.mlops.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.registry.validation.Violations;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON merge patch (RFC 7396) body: a member that is absent stays as it is, {@code null} clears
 * it, and inside a map a {@code null} value removes that key. Unknown members are refused, so a
 * typo never silently does nothing.
 */
public final class MergePatch {

    private final JsonNode body;
    private final Violations violations = new Violations();

    private MergePatch(JsonNode body) {
        this.body = body;
    }

    public static MergePatch of(JsonNode body, Set<String> allowed) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The body must be a JSON object");
        }
        if (!body.isObject()) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The body must be a JSON object, not "
                    + body.getNodeType().name().toLowerCase());
        }
        MergePatch patch = new MergePatch(body);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                patch.violations.add(name, "cannot be changed here; changeable fields: " + new TreeSet<>(allowed));
            }
        }
        return patch;
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /** The new text of a field, {@code null} when cleared; call only if {@link #has}. */
    public String text(String field) {
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(field, "must be a string or null");
            return null;
        }
        return value.textValue();
    }

    /** {@code current} with the patch's map merged in; {@code current} itself when the field is absent. */
    public Map<String, String> mergeMap(String field, Map<String, String> current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!value.isObject()) {
            violations.add(field, "must be an object of strings");
            return current;
        }
        Map<String, String> merged = new LinkedHashMap<>(current);
        value.fields().forEachRemaining(entry -> {
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                merged.remove(entry.getKey());
            } else if (v.isTextual()) {
                merged.put(entry.getKey(), v.textValue());
            } else {
                violations.add(field + "." + entry.getKey(), "must be a string, or null to remove it");
            }
        });
        return merged;
    }

    /** Where callers add their own rules, reported together with the patch's. */
    public Violations violations() {
        return violations;
    }
}
