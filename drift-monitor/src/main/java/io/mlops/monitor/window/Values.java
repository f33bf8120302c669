package io.mlops.monitor.window;

import java.math.BigDecimal;

/** How a JSON feature value is read as a number or a category. */
final class Values {

    private Values() {
    }

    /** The value as a double; NaN when it is not a number (a string, an object, ...). Booleans count as 1 and 0. */
    static double number(Object raw) {
        if (raw instanceof Double d) {
            return d.isInfinite() ? Double.NaN : zero(d);
        }
        if (raw instanceof Number n) {
            // A 400-digit integer is a number JSON can write and a double cannot hold.
            double v = n.doubleValue();
            return Double.isFinite(v) ? zero(v) : Double.NaN;
        }
        if (raw instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return Double.NaN;
    }

    /** -0.0 as 0.0: they are one value, and would otherwise count as two bins of a histogram. */
    private static double zero(double v) {
        return v == 0.0 ? 0.0 : v;
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
