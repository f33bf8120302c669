package io.mlops.monitor.window;

import java.math.BigDecimal;

/** How a JSON feature value is read as a number or a category. */
final class Values {

    private Values() {
    }

    /** The value as a double; NaN when it is not a number (a string, an object, ...). Booleans count as 1 and 0. */
    static double number(Object raw) {
        if (raw instanceof Double d) {
            return d.isInfinite() ? Double.NaN : d;
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return Double.NaN;
    }

    /**
     * The value as a category label: strings as they are, integers and booleans as JSON writes them,
     * integral doubles without ".0" so 1 and 1.0 are the same category; {@code null} for objects and arrays.
     */
    static String category(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Boolean) {
            return raw.toString();
        }
        if (raw instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (raw instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return null;
    }
}
