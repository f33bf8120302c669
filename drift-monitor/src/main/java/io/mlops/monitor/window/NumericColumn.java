package io.mlops.monitor.window;

import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * One numeric column of an open window: a KLL sketch of every value, exact min/max, counts of
 * missing and mistyped values and of values outside the reference range, and exact value counts
 * while the column has few distinct values.
 */
public final class NumericColumn {

    private final String name;
    private final int sampleIndex;
    private final double referenceMin;
    private final double referenceMax;
    private final KllDoublesSketch sketch;
    private final SmallValueCounts small = new SmallValueCounts();
    private long present;
    private long missing;
    private long mistyped;
    private long outOfRange;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    NumericColumn(String name, int sampleIndex, double referenceMin, double referenceMax, int k) {
        this.name = name;
        this.sampleIndex = sampleIndex;
        this.referenceMin = referenceMin;
        this.referenceMax = referenceMax;
        this.sketch = KllDoublesSketch.newHeapInstance(k);
    }

    /** Adds one row's value; returns it, or NaN when missing or not a number. */
    double add(Object raw) {
        if (raw == null) {
            missing++;
            return Double.NaN;
        }
        double v = Values.number(raw);
        if (Double.isNaN(v)) {
            mistyped++;
            return Double.NaN;
        }
        present++;
        sketch.update(v);
        small.add(v);
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
        if (v < referenceMin || v > referenceMax) {
            outOfRange++;
        }
        return v;
    }

    public String name() {
        return name;
    }

    int sampleIndex() {
        return sampleIndex;
    }

    public KllDoublesSketch sketch() {
        return sketch;
    }

    public long present() {
        return present;
    }

    /** Values absent or null. */
    public long missing() {
        return missing;
    }

    /** Values present but not numbers (counted as missing for drift, reported apart). */
    public long mistyped() {
        return mistyped;
    }

    public long outOfRange() {
        return outOfRange;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Exact counts per value, or {@code null} when the column has more than a handful of distinct values. */
    public Map<Double, Long> valueCounts() {
        return small.counts();
    }
}
