package io.mlops.ml.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.junit.jupiter.api.Test;

class NumericProfilesTest {

    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4, 5], [0, 25, 50, 90, 100]) == [1, 2, 3, 4.6, 5]
        List<Double> q = NumericProfiles.percentiles(new double[] {1, 2, 3, 4, 5});
        assertEquals(101, q.size());
        assertEquals(1.0, q.get(0), 1e-12);
        assertEquals(2.0, q.get(25), 1e-12);
        assertEquals(3.0, q.get(50), 1e-12);
        assertEquals(4.6, q.get(90), 1e-12);
        assertEquals(5.0, q.get(100), 1e-12);
    }

    @Test
    void momentsNullsSketchAndBoundedSample() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            values.add((double) i);
        }
        values.add(null);

        var profile = NumericProfiles.of(values, 7);

        assertEquals(3000, profile.count());
        assertEquals(1, profile.nullCount());
        assertEquals(1500.5, profile.mean(), 1e-9);
        assertEquals(Math.sqrt(3000.0 * 3001 / 12), profile.std(), 1e-6);
        assertEquals(1.0, profile.min());
        assertEquals(3000.0, profile.max());
        assertEquals(1000, profile.sample().size());
        assertEquals(1000, profile.sample().stream().distinct().count(), "sampled without replacement");
        KllDoublesSketch sketch = KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(profile.kll())));
        assertEquals(3000, sketch.getN());
        assertEquals(1500, sketch.getQuantile(0.5), 3000 * 0.02);
        assertEquals(profile.sample(), NumericProfiles.of(values, 7).sample(), "seeded");
        assertEquals(Arrays.asList(1.0, 2.0), NumericProfiles.of(List.of(2.0, 1.0), 1).sample().stream().sorted().toList());
    }
}
