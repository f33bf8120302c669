package io.mlops.monitor.window;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact counts of a numeric column's values while it has few distinct ones: Evidently tests a
 * numeric column with at most five distinct values as categorical and bins one with at most twenty
 * by value. Past the limit it stops counting (a continuous column costs one array scan per value
 * until then).
 */
final class SmallValueCounts {

    static final int LIMIT = 21;

    private final double[] values = new double[LIMIT];
    private final long[] counts = new long[LIMIT];
    private int size;
    private boolean overflow;

    void add(double value) {
        if (overflow) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                counts[i]++;
                return;
            }
        }
        if (size == LIMIT) {
            overflow = true;
            return;
        }
        values[size] = value;
        counts[size++] = 1;
    }

    boolean overflowed() {
        return overflow;
    }

    /** Count per value, or {@code null} once there were more than {@value #LIMIT} distinct values. */
    Map<Double, Long> counts() {
        if (overflow) {
            return null;
        }
        Map<Double, Long> out = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            out.put(values[i], counts[i]);
        }
        return out;
    }
}
