package io.mlops.bench.floor;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor under the drift monitor's per-value work: one KLL sketch update (k = 400, as the
 * monitor's windows use), on values drawn up front so only the update is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KllUpdateBenchmark {

    private static final int VALUES = 1 << 16;

    private KllDoublesSketch sketch;
    private double[] values;
    private int next;

    @Setup
    public void setUp() {
        sketch = KllDoublesSketch.newHeapInstance(400);
        values = new double[VALUES];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < VALUES; i++) {
            values[i] = random.nextGaussian();
        }
    }

    @Benchmark
    public void update() {
        sketch.update(values[next++ & (VALUES - 1)]);
    }
}
