package io.mlops.ml.eval;

import java.util.Arrays;

/**
 * Accuracy, ROC AUC and log loss of binary scores against labels; AUC is the Mann-Whitney
 * statistic with ties counted half, the definition scikit-learn's {@code roc_auc_score} uses.
 */
public record BinaryMetrics(long count, double accuracy, double auc, double logLoss) {

    private static final double EPSILON = 1e-15;

    /**
     * @param scores the probability of the positive label per row
     * @param positive whether each row's true label is the positive one
     * @param predictedPositive whether each row's predicted (argmax) label is the positive one
     */
    public static BinaryMetrics of(double[] scores, boolean[] positive, boolean[] predictedPositive) {
        int n = scores.length;
        if (n == 0 || positive.length != n || predictedPositive.length != n) {
            throw new IllegalArgumentException("metrics need the same, non-zero number of scores and labels");
        }
        long correct = 0;
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            if (positive[i] == predictedPositive[i]) {
                correct++;
            }
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, scores[i]));
            logLoss -= positive[i] ? Math.log(p) : Math.log(1 - p);
        }
        return new BinaryMetrics(n, (double) correct / n, auc(scores, positive), logLoss / n);
    }

    static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
