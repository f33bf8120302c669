package io.mlops.bench.floor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.bench.load.LatencyResult;
import java.nio.FloatBuffer;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The floor under the in-service model time: {@code OrtSession.run} on the served artifact, one
 * row, in this process, with default session options, timed around the run call alone (the same
 * span the service's {@code mlops_inference_model_run_seconds} covers).
 */
public final class RawOrtRun {

    private RawOrtRun() {
    }

    public static LatencyResult run(byte[] onnx, String inputName, int columns, int calls) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options)) {
            float[] row = new float[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = (i % 7) * 0.5f;
            }
            loop(env, session, inputName, row, calls / 5, new Histogram(3));
            Histogram h = new Histogram(3);
            long start = System.nanoTime();
            loop(env, session, inputName, row, calls, h);
            return LatencyResult.ofLoop(calls, (System.nanoTime() - start) / 1e9, h);
        }
    }

    private static void loop(OrtEnvironment env, OrtSession session, String inputName, float[] row, int calls,
                             Histogram h) throws OrtException {
        long[] shape = {1, row.length};
        for (int i = 0; i < calls; i++) {
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
