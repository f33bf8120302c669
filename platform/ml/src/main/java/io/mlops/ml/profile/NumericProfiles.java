package io.mlops.ml.profile;

import io.mlops.events.profile.NumericProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Profiles a numeric column: moments, exact percentiles, a KLL sketch (k = 200, so the monitor can
 * merge and compare it), and a seeded sample of at most 1,000 raw values for exact small-sample tests.
 */
public final class NumericProfiles {

    public static final int KLL_K = 200;

    private NumericProfiles() {
    }

    public static NumericProfile of(List<Double> values, long seed) {
        double[] present = values.stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
        long nulls = values.size() - present.length;
        if (present.length == 0) {
            return new NumericProfile(0, nulls, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null, List.of());
        }
        double[] sorted = present.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(present).sum() / present.length;
        double squares = 0;
        for (double v : present) {
            squares += (v - mean) * (v - mean);
        }
        double std = present.length < 2 ? 0 : Math.sqrt(squares / (present.length - 1));
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(KLL_K);
        for (double v : present) {
            sketch.update(v);
        }
        return new NumericProfile(present.length, nulls, mean, std, sorted[0], sorted[sorted.length - 1],
                percentiles(sorted), Base64.getEncoder().encodeToString(sketch.toByteArray()),
                sample(present, seed));
    }

    /** The 0th..100th percentiles with linear interpolation between order statistics (numpy's default). */
    static List<Double> percentiles(double[] sorted) {
        List<Double> result = new ArrayList<>(NumericProfile.QUANTILE_COUNT);
        for (int p = 0; p < NumericProfile.QUANTILE_COUNT; p++) {
            double position = p / 100.0 * (sorted.length - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, sorted.length - 1);
            result.add(sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]));
        }
        return result;
    }

    private static List<Double> sample(double[] values, long seed) {
        double[] copy = values.clone();
        int keep = Math.min(copy.length, NumericProfile.MAX_SAMPLE);
        if (keep < copy.length) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < keep; i++) {
                int j = i + random.nextInt(copy.length - i);
                double swap = copy[i];
                copy[i] = copy[j];
                copy[j] = swap;
            }
        }
        return Arrays.stream(copy, 0, keep).boxed().toList();
    }
}
