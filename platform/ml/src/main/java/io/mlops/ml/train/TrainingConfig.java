package io.mlops.ml.train;

/**
 * How to train a binary classifier.
 *
 * @param labelColumn the column to predict
 * @param positiveLabel the label whose probability is the model's {@code score}
 * @param seed drives the split and the optimiser, so the same data and seed give the same model
 * @param testFraction share of rows held out for evaluation and export verification
 * @param epochs passes of stochastic gradient descent over the training rows
 * @param learningRate AdaGrad's initial learning rate
 */
public record TrainingConfig(
        String labelColumn,
        String positiveLabel,
        long seed,
        double testFraction,
        int epochs,
        double learningRate) {

    public TrainingConfig {
        if (testFraction <= 0 || testFraction >= 1) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), not " + testFraction);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1");
        }
    }

    public static TrainingConfig defaults(String labelColumn, String positiveLabel) {
        return new TrainingConfig(labelColumn, positiveLabel, 42L, 0.2, 15, 0.5);
    }
}
