package io.mlops.monitor.support;

import io.mlops.events.profile.CategoricalProfile;
import io.mlops.events.profile.NumericProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;

/** Reference profiles in the registry's format, built from known data the way the trainer builds them. */
public final class Profiles {

    private Profiles() {
    }

    /** Standard normal values, mean {@code mean}, std {@code std}, from a fixed seed. */
    public static double[] normal(long seed, int n, double mean, double std) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + std * gaussian(random);
        }
        return out;
    }

    public static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The trainer's sketch size. */
    private static final int KLL_K = 200;
    /** Largest k DataSketches allows: a sketch of up to this many values never compacts. */
    private static final int EXACT_KLL_K = 65_535;

    /** A numeric profile with quantiles, a KLL sketch (k = 200) and a sample of at most 1,000 values. */
    public static NumericProfile numeric(double[] values, boolean withSample, boolean withKll) {
        return numeric(values, withSample, withKll ? KLL_K : 0);
    }

    /**
     * As {@link #numeric}, but with a sketch large enough to hold every value. A k = 200 sketch of
     * more values compacts at random, so a verdict near its threshold could differ from run to run
     * on the same seeded data; a sketch that holds every value reads the same in every run.
     */
    public static NumericProfile numericExact(double[] values) {
        if (values.length > EXACT_KLL_K) {
            throw new IllegalArgumentException("an exact sketch holds at most " + EXACT_KLL_K + " values");
        }
        return numeric(values, true, EXACT_KLL_K);
    }

    private static NumericProfile numeric(double[] values, boolean withSample, int kllK) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(values).average().orElse(0);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / Math.max(1, values.length - 1));
        List<Double> quantiles = new ArrayList<>();
        for (int p = 0; p <= 100; p++) {
            double pos = p / 100.0 * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            quantiles.add(sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]));
        }
        String kll = null;
        if (kllK > 0) {
            KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(kllK);
            for (double v : values) {
                sketch.update(v);
            }
            kll = Base64.getEncoder().encodeToString(sketch.toByteArray());
        }
        List<Double> sample = null;
        if (withSample) {
            sample = new ArrayList<>();
            for (int i = 0; i < Math.min(NumericProfile.MAX_SAMPLE, values.length); i++) {
                sample.add(values[i]);
            }
        }
        return new NumericProfile(values.length, 0, mean, std, sorted[0], sorted[sorted.length - 1], quantiles, kll, sample);
    }

    /** A categorical profile with the given counts. */
    public static CategoricalProfile categorical(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new CategoricalProfile(total, 0, new LinkedHashMap<>(counts));
    }

    /** Draws a category with the given shares (in iteration order). */
    public static String draw(SplittableRandom random, Map<String, Double> shares) {
        double u = random.nextDouble();
        double acc = 0;
        String last = null;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            acc += e.getValue();
            last = e.getKey();
            if (u < acc) {
                return e.getKey();
            }
        }
        return last;
    }
}
