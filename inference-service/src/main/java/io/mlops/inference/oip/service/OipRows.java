package io.mlops.inference.oip.service;

import io.mlops.events.inference.PredictionRow;
import io.mlops.inference.model.runtime.FeatureLayout;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.runtime.OutputReader.Output;
import io.mlops.inference.model.runtime.OutputSemantics;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prediction-log rows of a tensor request: one per batch row, with the inputs decoded back to
 * named raw features when the version's layout allows (one-hot columns back to their category),
 * so drift is measured the same way for OIP and predict traffic. Runs on the log's thread.
 */
final class OipRows {

    private OipRows() {
    }

    /**
     * About how much memory a request's parsed inputs and its outputs hold until its rows are
     * built: eight bytes an element (the widest numeric type), and a string's characters twice.
     */
    static long heldBytes(List<InferInput> inputs, List<Output> outputs) {
        long bytes = 256;
        for (InferInput input : inputs) {
            if (input.data() instanceof String[] strings) {
                for (String v : strings) {
                    bytes += 48 + 2L * v.length();
                }
            } else {
                bytes += 8L * input.elements();
            }
        }
        for (Output output : outputs) {
            long elements = 1;
            for (long d : output.shape()) {
                elements *= Math.max(1, d);
            }
            bytes += 8 * elements;
        }
        return bytes;
    }

    static List<PredictionRow> of(LoadedModel model, List<InferInput> inputs, List<Output> outputs) {
        int rows = inputs.get(0).shape().length >= 2 ? inputs.get(0).rows() : 1;
        FeatureLayout layout = model.layout();
        boolean named = layout.usable() && inputs.size() == 1 && inputs.get(0).name().equals(layout.inputName())
                && inputs.get(0).shape().length == 2;
        OutputSemantics semantics = model.semantics();
        Output scored = null;
        for (Output o : outputs) {
            if (o.name().equals(semantics.output())) {
                scored = o;
            }
        }
        float[] scores = scored == null ? null : scored.floats();
        List<PredictionRow> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> features = named ? namedFeatures(layout, inputs.get(0), r) : rawInputs(inputs, r, rows);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Output o : outputs) {
                values.put(o.name(), slice(o.data(), o.shape(), r, rows));
            }
            String label = null;
            Double score = null;
            if (scores != null && scores.length % rows == 0 && scores.length > 0) {
                int width = scores.length / rows;
                score = semantics.score(scores, r * width, width);
                if (semantics.classification()) {
                    label = semantics.label(OutputSemantics.argmax(scores, r * width, width));
                }
            }
            out.add(new PredictionRow(features, values, label, score, null));
        }
        return out;
    }

    private static Map<String, Object> namedFeatures(FeatureLayout layout, InferInput input, int row) {
        int width = (int) input.shape()[1];
        Map<String, Object> features = new LinkedHashMap<>();
        for (FeatureLayout.Feature f : layout.features()) {
            int base = row * width + f.offset();
            if (f.categorical()) {
                String value = null;
                for (int c = 0; c < f.width(); c++) {
                    if (number(input.data(), base + c) > 0.5) {
                        value = f.categories().get(c);
                        break;
                    }
                }
                features.put(f.name(), value);
            } else {
                features.put(f.name(), value(input.data(), base));
            }
        }
        return features;
    }

    private static Map<String, Object> rawInputs(List<InferInput> inputs, int row, int rows) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (InferInput input : inputs) {
            features.put(input.name(), slice(input.data(), input.shape(), row, rows));
        }
        return features;
    }

    /** Row {@code row} of a flat tensor: a scalar when the row holds one value, else a list. */
    private static Object slice(Object data, long[] shape, int row, int rows) {
        int n = Array.getLength(data);
        if (shape.length == 0 || shape[0] != rows || n % rows != 0) {
            return n == 1 ? Array.get(data, 0) : List.of();
        }
        int width = n / rows;
        if (width == 1) {
            return Array.get(data, row);
        }
        List<Object> values = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            values.add(Array.get(data, row * width + i));
        }
        return values;
    }

    /**
     * A numeric input as the caller sent it: an FP32 value stays a float, so the log reads 0.1 where
     * a widened double would read 0.10000000149011612.
     */
    private static Object value(Object data, int index) {
        if (data instanceof float[] f) {
            return f[index];
        }
        if (data instanceof double[] d) {
            return d[index];
        }
        return Array.get(data, index);
    }

    private static double number(Object data, int index) {
        if (data instanceof float[] f) {
            return f[index];
        }
        if (data instanceof double[] d) {
            return d[index];
        }
        return ((Number) Array.get(data, index)).doubleValue();
    }
}
