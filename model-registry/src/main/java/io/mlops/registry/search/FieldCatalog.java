package io.mlops.registry.search;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The whitelist of what one entity can be filtered and sorted by, and the SQL each field stands
 * for. A name not listed here is an error, and the SQL comes only from here, never from the
 * client: keys of {@code tags.x}-style families travel as bind parameters.
 */
public final class FieldCatalog {

    /** How a field's values compare. */
    public enum Type { TEXT, NUMBER, TIMESTAMP }

    /**
     * A field resolved to SQL: {@code sql} may contain {@code ?} placeholders bound to {@code params}.
     *
     * @param containment for a JSONB family, the column whose {@code @>} answers equality from its
     *     GIN index; {@code null} otherwise
     * @param allowed for enumerations, the only values a comparison may use; empty otherwise
     */
    public record Resolved(String display, String sql, List<Object> params, Type type, String containment,
                           Set<String> allowed) {
    }

    private final String entity;
    private final Map<String, Resolved> plain = new HashMap<>();
    private final Map<String, Function<String, Resolved>> families = new HashMap<>();

    public FieldCatalog(String entity) {
        this.entity = entity;
    }

    /** A column, reachable under each of {@code names} (e.g. {@code createdAt} and {@code created_at}). */
    public FieldCatalog field(String sql, Type type, String... names) {
        for (String name : names) {
            plain.put(name.toLowerCase(Locale.ROOT), new Resolved(names[0], sql, List.of(), type, null, Set.of()));
        }
        return this;
    }

    /** A text column that only holds {@code allowed} values. */
    public FieldCatalog enumeration(String sql, Set<String> allowed, String... names) {
        for (String name : names) {
            plain.put(name.toLowerCase(Locale.ROOT), new Resolved(names[0], sql, List.of(), Type.TEXT, null, allowed));
        }
        return this;
    }

    /** {@code prefix.key} over a JSONB object column holding strings, e.g. tags or params. */
    public FieldCatalog jsonText(String prefix, String column) {
        families.put(prefix, key -> new Resolved(prefix + "." + key, "(" + column + " ->> ?)", List.of(key),
                Type.TEXT, column, Set.of()));
        return this;
    }

    /** {@code prefix.key} over a JSONB object column holding numbers, e.g. a version's metrics. */
    public FieldCatalog jsonNumber(String prefix, String column) {
        families.put(prefix, key -> new Resolved(prefix + "." + key, "((" + column + " ->> ?)::float8)",
                List.of(key), Type.NUMBER, null, Set.of()));
        return this;
    }

    /** {@code prefix.key} as a scalar SQL expression with exactly one {@code ?} for the key. */
    public FieldCatalog family(String prefix, String sqlWithKeyPlaceholder, Type type) {
        families.put(prefix, key -> new Resolved(prefix + "." + key, sqlWithKeyPlaceholder, List.of(key),
                type, null, Set.of()));
        return this;
    }

    Resolved resolve(Filter.FieldRef ref, String parameter, int position) {
        // MLflow writes built-in fields as attributes.status; accept that spelling too.
        if (ref.prefix() == null || ref.prefix().equalsIgnoreCase("attributes")) {
            Resolved field = plain.get(ref.key().toLowerCase(Locale.ROOT));
            if (field == null) {
                throw new InvalidFilterException(parameter, "unknown field '" + ref.key() + "' for " + entity
                        + "; known fields: " + known(), position);
            }
            return field;
        }
        Function<String, Resolved> family = families.get(ref.prefix().toLowerCase(Locale.ROOT));
        if (family == null) {
            throw new InvalidFilterException(parameter, "unknown field '" + ref.display() + "' for " + entity
                    + "; known fields: " + known(), position);
        }
        return family.apply(ref.key());
    }

    private String known() {
        Set<String> names = new TreeSet<>(plain.keySet());
        families.keySet().forEach(prefix -> names.add(prefix + ".<key>"));
        return String.join(", ", names);
    }
}
