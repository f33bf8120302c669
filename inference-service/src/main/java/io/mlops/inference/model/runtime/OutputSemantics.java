package io.mlops.inference.model.runtime;

import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.Task;
import java.util.List;

/**
 * How to read a version's outputs as a prediction: for classification, which output holds one
 * probability per label and which label is positive; for regression, which output is the value.
 *
 * @param output the output named first in the registered signature (else the session's first)
 * @param labels classification labels in output order; empty for regression
 * @param positiveIndex index of {@code positiveLabel} in {@code labels}, or -1
 */
public record OutputSemantics(Task task, String output, List<String> labels, int positiveIndex) {

    public static OutputSemantics of(ModelVersion version, ModelSignature signature) {
        String output = null;
        if (version.signature() != null && version.signature().outputs() != null
                && !version.signature().outputs().isEmpty()) {
            output = version.signature().outputs().get(0).name();
        }
        if (output == null || signature.output(output) == null) {
            output = signature.outputs().isEmpty() ? null : signature.outputs().get(0).name();
        }
        List<String> labels = version.labels() == null ? List.of() : List.copyOf(version.labels());
        Task task = version.task() != null ? version.task() : (labels.isEmpty() ? Task.REGRESSION : Task.MULTICLASS);
        int positive = version.positiveLabel() == null ? -1 : labels.indexOf(version.positiveLabel());
        return new OutputSemantics(task, output, labels, positive);
    }

    public boolean classification() {
        return task != Task.REGRESSION;
    }

    /** The label of column {@code index}, or the index itself when labels are missing. */
    public String label(int index) {
        return index < labels.size() ? labels.get(index) : Integer.toString(index);
    }

    /**
     * {@code score} of one row: P(positive) for binary classification, the top probability for
     * multiclass (or binary without a positive label), the value for regression.
     */
    public double score(float[] row, int from, int width) {
        if (!classification()) {
            return row[from];
        }
        if (task == Task.BINARY_CLASSIFICATION && positiveIndex >= 0 && positiveIndex < width) {
            return row[from + positiveIndex];
        }
        return row[from + argmax(row, from, width)];
    }

    public static int argmax(float[] row, int from, int width) {
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (row[from + i] > row[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
