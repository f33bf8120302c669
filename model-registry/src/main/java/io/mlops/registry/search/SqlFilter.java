package io.mlops.registry.search;

import io.mlops.registry.search.FieldCatalog.Resolved;
import io.mlops.registry.search.FieldCatalog.Type;
import io.mlops.registry.search.Filter.Comparison;
import io.mlops.registry.search.Filter.Literal;
import io.mlops.registry.search.Filter.Operator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Translates a parsed filter and order-by into parameterised SQL over a {@link FieldCatalog}. Every
 * value becomes a bind parameter; the only SQL text is the catalog's and this class's own.
 */
public final class SqlFilter {

    // A text value that PostgreSQL can read as a number; others compare as NULL instead of failing the
    // query. It is read as numeric, not float8, and its digits and exponent are bounded, so no stored
    // value ("1e999", "1e-400") can overflow or underflow the cast and break every search on its key.
    private static final String NUMERIC_TEXT =
            "'^[-+]?([0-9]{1,200}(\\.[0-9]{0,200})?|\\.[0-9]{1,200})([eE][-+]?[0-9]{1,3})?$'";

    private SqlFilter() {
    }

    public static SqlFragment where(Filter filter, FieldCatalog catalog) {
        if (filter == null) {
            return SqlFragment.TRUE;
        }
        List<Object> params = new ArrayList<>();
        String sql = translate(filter, catalog, params);
        return new SqlFragment(sql, params);
    }

    /** ORDER BY items for {@code keys}, then {@code tieBreak} (unique columns) for a stable order. */
    public static SqlFragment orderBy(List<SortKey> keys, FieldCatalog catalog, String defaultOrder, String tieBreak) {
        if (keys.isEmpty()) {
            return new SqlFragment(defaultOrder + ", " + tieBreak, List.of());
        }
        StringJoiner sql = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        for (SortKey key : keys) {
            Resolved field = catalog.resolve(key.field(), "orderBy", key.position());
            sql.add(field.sql() + (key.descending() ? " DESC" : " ASC") + " NULLS LAST");
            params.addAll(field.params());
        }
        sql.add(tieBreak);
        return new SqlFragment(sql.toString(), params);
    }

    private static String translate(Filter filter, FieldCatalog catalog, List<Object> params) {
        if (filter instanceof Filter.And and) {
            return join(and.clauses(), " AND ", catalog, params);
        }
        if (filter instanceof Filter.Or or) {
            return join(or.clauses(), " OR ", catalog, params);
        }
        if (filter instanceof Filter.IsNull isNull) {
            Resolved field = catalog.resolve(isNull.field(), "filter", isNull.position());
            params.addAll(field.params());
            return field.sql() + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
        }
        return comparison((Comparison) filter, catalog, params);
    }

    private static String join(List<Filter> clauses, String operator, FieldCatalog catalog, List<Object> params) {
        StringJoiner sql = new StringJoiner(operator, "(", ")");
        for (Filter clause : clauses) {
            sql.add(translate(clause, catalog, params));
        }
        return sql.toString();
    }

    private static String comparison(Comparison c, FieldCatalog catalog, List<Object> params) {
        Resolved field = catalog.resolve(c.field(), "filter", c.position());
        Operator op = c.op();
        boolean numericText = field.type() == Type.TEXT && field.allowed().isEmpty()
                && c.values().stream().allMatch(Literal::isNumber) && op != Operator.LIKE && op != Operator.ILIKE;
        Type effective = numericText && field.containment() != null ? Type.NUMBER : field.type();
        checkOperator(field, effective, op, c.position());
        List<Object> values = new ArrayList<>();
        for (Literal literal : c.values()) {
            if (op == Operator.LIKE || op == Operator.ILIKE) {
                checkPattern(literal);
            }
            Object bound = bindValue(field, effective, literal);
            // A tag or param is compared as numeric on both sides: bind the number as written, which a
            // double may not hold exactly (12345678901234567, 0.30000000000000004).
            values.add(effective == Type.NUMBER && field.type() == Type.TEXT ? exact(literal) : bound);
        }
        if (op == Operator.EQ && field.containment() != null && effective == Type.TEXT) {
            params.addAll(field.params());
            params.add(values.get(0));
            return field.containment() + " @> jsonb_build_object(?::text, ?::text)";
        }
        String expr = field.sql();
        List<Object> exprParams = field.params();
        String placeholder = "?";
        if (effective == Type.NUMBER && field.type() == Type.TEXT) {
            expr = "(CASE WHEN " + field.sql() + " ~ " + NUMERIC_TEXT + " THEN " + field.sql() + "::numeric END)";
            exprParams = new ArrayList<>(field.params());
            exprParams.addAll(field.params());
            // Compared as numeric on both sides: against a float8 the text would be cast to float8 again.
            placeholder = "?::numeric";
        }
        params.addAll(exprParams);
        if (op == Operator.IN || op == Operator.NOT_IN) {
            StringJoiner list = new StringJoiner(", ", "(", ")");
            for (Object value : values) {
                list.add(placeholder);
                params.add(value);
            }
            return expr + " " + op.sql() + " " + list;
        }
        params.add(values.get(0));
        return expr + " " + (op == Operator.NE ? "<>" : op.sql()) + " " + placeholder;
    }

    private static void checkOperator(Resolved field, Type type, Operator op, int position) {
        if ((op == Operator.LIKE || op == Operator.ILIKE) && type != Type.TEXT) {
            throw new InvalidFilterException("filter", op.sql() + " needs a text field, but '" + field.display()
                    + "' is " + type.name().toLowerCase(Locale.ROOT), position);
        }
        if (op.isOrdering() && !field.allowed().isEmpty()) {
            throw new InvalidFilterException("filter", "'" + field.display() + "' can only be compared with =, != or IN",
                    position);
        }
    }

    /** PostgreSQL refuses (as an error, not a non-match) a pattern that ends in its escape character. */
    private static void checkPattern(Literal literal) {
        if (literal.value() instanceof String pattern) {
            int trailing = 0;
            for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
                trailing++;
            }
            if (trailing % 2 == 1) {
                throw new InvalidFilterException("filter", "a LIKE pattern cannot end with the escape character '\\'"
                        + " (write '\\\\' for a backslash)", literal.position());
            }
        }
    }

    private static Object bindValue(Resolved field, Type type, Literal literal) {
        Object value = literal.value();
        switch (type) {
            case NUMBER -> {
                if (!(value instanceof Double number)) {
                    throw new InvalidFilterException("filter", "'" + field.display() + "' is numeric, so compare it with a number, not '"
                            + value + "'", literal.position());
                }
                return number;
            }
            case TIMESTAMP -> {
                return timestamp(field, literal);
            }
            default -> {
                if (!(value instanceof String text)) {
                    throw new InvalidFilterException("filter", "'" + field.display()
                            + "' is text, so quote the value: '" + plain((Double) value) + "'", literal.position());
                }
                if (!field.allowed().isEmpty()) {
                    String upper = text.toUpperCase(Locale.ROOT);
                    if (!field.allowed().contains(upper)) {
                        throw new InvalidFilterException("filter", "'" + field.display() + "' is one of "
                                + field.allowed() + ", not '" + text + "'", literal.position());
                    }
                    return upper;
                }
                return text;
            }
        }
    }

    private static OffsetDateTime timestamp(Resolved field, Literal literal) {
        OffsetDateTime time = literal.value() instanceof Double millis ? fromEpochMillis(millis) : parse((String) literal.value());
        if (time == null || time.getYear() < 1 || time.getYear() > 9999) {
            throw new InvalidFilterException("filter", "'" + field.display()
                    + "' is a timestamp: write an RFC 3339 time such as '2024-05-01T00:00:00Z', a date, or epoch milliseconds,"
                    + " between the years 1 and 9999, not '" + literal.value() + "'", literal.position());
        }
        return time;
    }

    private static OffsetDateTime fromEpochMillis(double millis) {
        return Double.isFinite(millis) && Math.abs(millis) < 1e15
                ? Instant.ofEpochMilli((long) millis).atOffset(ZoneOffset.UTC) : null;
    }

    private static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** Beyond this power of ten either way a number cannot match any value a tag or param holds. */
    private static final int MAX_EXPONENT = 1_000;

    private static BigDecimal exact(Literal literal) {
        BigDecimal number;
        try {
            number = new BigDecimal(literal.text());
        } catch (NumberFormatException e) {
            number = null; // an exponent beyond what BigDecimal holds
        }
        long exponent = number == null ? Long.MAX_VALUE : (long) number.precision() - number.scale();
        if (number == null || number.signum() != 0 && Math.abs(exponent) > MAX_EXPONENT) {
            throw new InvalidFilterException("filter", "the number " + literal.text() + " is out of range (at most 1e"
                    + MAX_EXPONENT + " either way)", literal.position());
        }
        return number;
    }

    private static String plain(Double number) {
        return number == Math.rint(number) && !Double.isInfinite(number) ? Long.toString(number.longValue()) : number.toString();
    }
}
