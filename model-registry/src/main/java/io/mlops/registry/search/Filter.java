package io.mlops.registry.search;

import java.util.List;

/** The syntax tree of a filter: comparisons joined by AND and OR. */
public sealed interface Filter {

    /** Every clause must hold. */
    record And(List<Filter> clauses) implements Filter {
    }

    /** At least one clause must hold. */
    record Or(List<Filter> clauses) implements Filter {
    }

    /**
     * {@code field op value}; for IN and NOT IN, {@code values} holds the list.
     *
     * @param position where the field starts, for errors found while translating
     */
    record Comparison(FieldRef field, Operator op, List<Literal> values, int position) implements Filter {
    }

    /** {@code field IS [NOT] NULL}. */
    record IsNull(FieldRef field, boolean negated, int position) implements Filter {
    }

    /**
     * A field as written: {@code name}, or {@code tags.team} with {@code prefix = "tags"} and
     * {@code key = "team"}.
     */
    record FieldRef(String prefix, String key) {

        /** The field name as a client would write it again in a message. */
        public String display() {
            return prefix == null ? key : prefix + "." + key;
        }
    }

    /** A string or numeric constant. */
    /**
     * A quoted string or a number ({@code value} a Double), with a number's text as written: a
     * tag or param compares with the exact decimal, which a double may not hold.
     */
    record Literal(Object value, int position, String text) {

        Literal(Object value, int position) {
            this(value, position, null);
        }

        public boolean isNumber() {
            return value instanceof Double;
        }
    }

    /** Comparison operators of the filter language. */
    enum Operator {
        EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="), LIKE("LIKE"), ILIKE("ILIKE"), IN("IN"), NOT_IN("NOT IN");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }

        boolean isOrdering() {
            return this == GT || this == GE || this == LT || this == LE;
        }
    }
}
