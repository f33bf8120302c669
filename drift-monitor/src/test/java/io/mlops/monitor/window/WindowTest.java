package io.mlops.monitor.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.inference.PredictionRow;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.events.registry.Task;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.ReferenceReader;
import io.mlops.monitor.support.Profiles;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The window's sample is complete up to its capacity, a fixed uniform subset beyond it, and duplicates are seen. */
class WindowTest {

    private static final MonitoredVersion VERSION = new MonitoredVersion("m", 1, Task.REGRESSION, List.of(), null,
            Map.of(), Optional.of(ReferenceReader.read(new ReferenceProfile(
                    Map.of("x", Profiles.numeric(Profiles.normal(1, 100, 0, 1), true, true)), null, null))), null);

    @Test
    void theSampleHoldsEveryRowUpToItsCapacity() {
        Window w = fill(new Window(VERSION, 1, new WindowLimits(100, 200, 10), null), 100);
        assertTrue(w.sampleComplete());
        double[] sample = w.sampleOf(w.numericFeatures().get(0));
        Arrays.sort(sample);
        double[] expected = new double[100];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, sample);
    }

    @Test
    void beyondItTheSampleIsTheSameFixedSubsetWhateverTheOrder() {
        Window a = fill(new Window(VERSION, 1, new WindowLimits(50, 200, 10), null), 1000);
        Window b = new Window(VERSION, 1, new WindowLimits(50, 200, 10), null);
        for (int i = 999; i >= 0; i--) {
            add(b, i);
        }
        assertFalse(a.sampleComplete());
        double[] sa = a.sampleOf(a.numericFeatures().get(0));
        double[] sb = b.sampleOf(b.numericFeatures().get(0));
        Arrays.sort(sa);
        Arrays.sort(sb);
        assertEquals(50, sa.length);
        assertArrayEquals(sa, sb, "priorities come from the ids, not from arrival order");
        double mean = Arrays.stream(sa).average().orElseThrow();
        assertTrue(Math.abs(mean - 499.5) < 100, "a uniform sample of 0..999 has a mean near 500, got " + mean);
    }

    @Test
    void duplicatesAreRecognisedInTheWindowAndTheOneBefore() {
        Window first = new Window(VERSION, 1, new WindowLimits(10, 200, 10), null);
        assertTrue(first.firstSighting(Hashes.event("p1", 0)));
        assertFalse(first.firstSighting(Hashes.event("p1", 0)));
        assertTrue(first.firstSighting(Hashes.event("p1", 2)), "the same prediction on another arm is another event");
        Window second = new Window(VERSION, 2, new WindowLimits(10, 200, 10), first.seenIds());
        assertFalse(second.firstSighting(Hashes.event("p1", 0)));
        assertTrue(second.firstSighting(Hashes.event("p2", 0)));
    }

    private static Window fill(Window w, int n) {
        for (int i = 0; i < n; i++) {
            add(w, i);
        }
        return w;
    }

    private static void add(Window w, int i) {
        long h = Hashes.event("id-" + i, 0);
        w.firstSighting(h);
        w.observeEvent(Instant.EPOCH, 1, 0, i);
        w.add(new PredictionRow(Map.of("x", (double) i), null, null, null, null), Hashes.row(h, 0));
    }

    @Test
    void minusZeroIsZeroAndNumbersBeyondADoubleAreNotNumbers() {
        assertEquals(0, Double.compare(0.0, Values.number(-0.0)), "-0.0 and 0.0 are one bin");
        assertEquals(0, Double.compare(0.0, Values.number(new java.math.BigDecimal("-0.0"))));
        assertTrue(Double.isNaN(Values.number(java.math.BigInteger.TEN.pow(400))), "a 400-digit integer is mistyped");
        assertEquals(2.5, Values.number(2.5), 0.0);
        io.mlops.monitor.stats.EmpiricalDistribution d = io.mlops.monitor.stats.EmpiricalDistribution.ofSample(
                new double[] {-0.0, 0.0, 1.0});
        assertEquals(2, d.supportSize());
        assertEquals(0, Double.compare(0.0, d.min()));
    }
}
