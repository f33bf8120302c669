package io.mlops.bench.floor;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH floors in a forked JVM (JMH's own warm-up and isolation) and returns the score. */
public final class JmhFloors {

    private JmhFloors() {
    }

    /** Nanoseconds per KLL update, and JMH's error bound on it (99.9 %). */
    public static double[] kllUpdateNanos(boolean quick) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(KllUpdateBenchmark.class.getName() + ".update")
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        RunResult result = results.iterator().next();
        return new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()};
    }
}
