package io.mlops.inference.predict.service;

import io.mlops.events.registry.Datatype;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.model.runtime.FeatureLayout;
import java.util.Map;

/**
 * Writes raw feature values into the model's {@code [1, k]} row: numbers as they are, booleans as
 * 0/1, categorical values as their one-hot column (an unknown category leaves all its columns 0,
 * as the encoding prescribes).
 */
final class FeatureEncoder {

    private FeatureEncoder() {
    }

    /** A {@code float[]} or {@code double[]} of the layout's width, as its input datatype needs. */
    static Object encode(FeatureLayout layout, Map<String, Object> features) {
        double[] row = new double[layout.width()];
        for (FeatureLayout.Feature f : layout.features()) {
            Object value = features.get(f.name());
            if (f.categorical()) {
                Integer column = value == null ? null : f.index().get(String.valueOf(value));
                if (column != null) {
                    row[f.offset() + column] = 1;
                }
            } else {
                row[f.offset()] = number(f.name(), value);
            }
        }
        if (layout.datatype() == Datatype.FP64) {
            return row;
        }
        float[] floats = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            floats[i] = (float) row[i];
        }
        return floats;
    }

    private static double number(String name, Object value) {
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else if (value instanceof Boolean b) {
            v = b ? 1 : 0;
        } else {
            throw InferenceErrors.invalidInput("features." + name, "Feature '" + name + "' must be a number, got "
                    + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
        }
        if (!Double.isFinite(v)) {
            throw InferenceErrors.invalidInput("features." + name, "Feature '" + name + "' must be a finite number");
        }
        return v;
    }
}
