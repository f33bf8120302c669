package io.mlops.inference.predict.service;

import io.mlops.events.registry.Datatype;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.model.runtime.FeatureLayout;
import java.util.Map;

/**
 * Writes raw feature values into the model's {@code [1, k]} row: numbers as they are, booleans as
 * 0/1, categorical values as their one-hot column (an unknown category leaves all its columns 0,
 * as the encoding prescribes). A value the row cannot hold (a number beyond FP32 for an FP32
 * model, an object where a category belongs) is refused rather than turned into a wrong answer.
 */
final class FeatureEncoder {

    private FeatureEncoder() {
    }

    /** A {@code float[]} or {@code double[]} of the layout's width, as its input datatype needs. */
    static Object encode(FeatureLayout layout, Map<String, Object> features) {
        double[] row = new double[layout.width()];
        double largest = layout.datatype() == Datatype.FP64 ? Double.MAX_VALUE : Float.MAX_VALUE;
        for (FeatureLayout.Feature f : layout.features()) {
            Object value = features.get(f.name());
            if (f.categorical()) {
                Integer column = value == null ? null : column(f, value);
                if (column != null) {
                    row[f.offset() + column] = 1;
                }
            } else {
                row[f.offset()] = number(f.name(), value, largest);
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

    /**
     * The one-hot column of the category a value names: text as it is; a number or a boolean by its
     * text, a whole number also by its digits alone ({@code 2.0} finds category {@code "2"}).
     * Anything else (an object, a list) is refused.
     */
    private static Integer column(FeatureLayout.Feature f, Object value) {
        if (value instanceof String text) {
            return f.index().get(text);
        }
        if (value instanceof Boolean) {
            return f.index().get(value.toString());
        }
        if (value instanceof Number n) {
            Integer column = f.index().get(value.toString());
            double d = n.doubleValue();
            if (column == null && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                column = f.index().get(Long.toString((long) d));
            }
            return column;
        }
        throw InferenceErrors.invalidInput("features." + f.name(), "Feature '" + f.name() + "' is categorical: send one"
                + " of its categories as a string, not " + value);
    }

    private static double number(String name, Object value, double largest) {
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
        if (Math.abs(v) > largest) {
            // Narrowed to FP32 it would be infinite, and the model would answer NaN with a made-up label.
            throw InferenceErrors.invalidInput("features." + name, "Feature '" + name + "' is " + v
                    + ", outside the range of the model's " + (largest == Float.MAX_VALUE ? "FP32" : "FP64") + " input");
        }
        return v;
    }
}
