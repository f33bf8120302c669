package io.mlops.ml.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.ml.data.Table;
import io.mlops.ml.train.TrainedModel;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the exported artifact in ONNX Runtime on rows built exactly as the inference service builds
 * them, and compares its probabilities with the in-memory model's. A wrong column order, a lost
 * standardisation or a wrong label order shows up here as a large difference.
 */
public final class OnnxVerification {

    private OnnxVerification() {
    }

    /** The largest absolute difference between ONNX Runtime's and the trained model's probabilities. */
    public static double maxAbsoluteDifference(byte[] onnx, TrainedModel trained, Table rows) {
        float[][] probabilities = probabilities(onnx, trained, rows);
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            double[] expected = trained.probabilities(rows.rows().get(r));
            for (int l = 0; l < expected.length; l++) {
                worst = Math.max(worst, Math.abs(expected[l] - probabilities[r][l]));
            }
        }
        return worst;
    }

    /** The artifact's probabilities for each row, as ONNX Runtime computes them in the inference service (FP32). */
    public static float[][] probabilities(byte[] onnx, TrainedModel trained, Table rows) {
        int k = trained.layout().width();
        int n = rows.size();
        float[] batch = new float[n * k];
        for (int r = 0; r < n; r++) {
            System.arraycopy(trained.layout().vector(rawValues(trained, rows.rows().get(r))), 0, batch, r * k, k);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {n, k});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(OnnxExport.OUTPUT)
                    .orElseThrow(() -> new IllegalStateException("the artifact has no output " + OnnxExport.OUTPUT))
                    .getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run the exported model: " + e.getMessage(), e);
        }
    }

    /** A table row as the feature name → raw value map inference receives from the feature store. */
    public static Map<String, Object> rawValues(TrainedModel trained, Object[] row) {
        List<io.mlops.ml.data.Column> features = trained.encoder().features();
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            values.put(features.get(i).name(), trained.encoder().raw(row, i));
        }
        return values;
    }
}
