package io.mlops.bench.floor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.bench.load.LatencyResult;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The floor under the in-service model time: {@code OrtSession.run} on the served artifact, one
 * row, in this process, with the service's session options (all graph optimisations, one thread,
 * sequential), timed around the run call alone (the span the service's
 * {@code mlops_inference_model_run_seconds} covers). Back to back, and paced at a request rate:
 * on the virtual machines measured here a run after a pause costs ten times one in a tight loop
 * (cold caches after the idle vCPU is descheduled), so the service is compared at equal pacing.
 */
public final class RawOrtRun {

    private RawOrtRun() {
    }

    /** {@code calls} runs, one every {@code 1/rate} seconds ({@code rate} 0: back to back). */
    public static LatencyResult run(byte[] onnx, String inputName, int columns, int calls, double rate)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            try (OrtSession session = env.createSession(onnx, options)) {
                float[] row = new float[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = (i % 7) * 0.5f;
                }
                long pause = rate <= 0 ? 0 : (long) (1e9 / rate);
                loop(env, session, inputName, row, calls / 5, pause, new Histogram(3));
                Histogram h = new Histogram(3);
                long start = System.nanoTime();
                loop(env, session, inputName, row, calls, pause, h);
                LatencyResult r = LatencyResult.ofLoop(calls, (System.nanoTime() - start) / 1e9, h);
                return rate <= 0 ? r : new LatencyResult(rate, r.achievedRate(), r.sent(), r.ok(), 0, r.p50Ms(),
                        r.p99Ms(), r.p999Ms(), r.maxMs(), r.meanMs(), LatencyResult.NO_SEND_LAG, null);
            }
        }
    }

    private static void loop(OrtEnvironment env, OrtSession session, String inputName, float[] row, int calls,
                             long pauseNanos, Histogram h) throws OrtException {
        long[] shape = {1, row.length};
        for (int i = 0; i < calls; i++) {
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
            try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), shape)) {
                long t0 = System.nanoTime();
                try (OrtSession.Result result = session.run(Map.of(inputName, input))) {
                    h.recordValue(System.nanoTime() - t0);
                    if (result.size() == 0) {
                        throw new IllegalStateException("no outputs");
                    }
                }
            }
        }
    }
}
