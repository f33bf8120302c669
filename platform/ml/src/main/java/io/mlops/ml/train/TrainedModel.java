package io.mlops.ml.train;

import java.util.List;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * A trained classifier with everything needed to export, verify and register it.
 *
 * @param labels the model's output order: one probability per label, in this order
 * @param split the rows it was trained and evaluated on
 */
public record TrainedModel(
        LinearSGDModel model,
        ColumnLayout layout,
        List<String> labels,
        String positiveLabel,
        ExampleEncoder encoder,
        NumericStats stats,
        TrainTestSplit split,
        TrainingConfig config) {

    /** The probability of each label (in {@link #labels} order) for a raw row of the source table. */
    public double[] probabilities(Object[] row) {
        var prediction = model.predict(encoder.encode(row));
        double[] probabilities = new double[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            Label scored = prediction.getOutputScores().get(labels.get(i));
            probabilities[i] = scored == null ? 0 : scored.getScore();
        }
        return probabilities;
    }

    public int positiveIndex() {
        return labels.indexOf(positiveLabel);
    }
}
