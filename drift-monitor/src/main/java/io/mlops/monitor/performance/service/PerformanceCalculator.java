package io.mlops.monitor.performance.service;

import io.mlops.events.registry.Task;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model quality over labelled predictions, defined as scikit-learn defines it: accuracy; precision,
 * recall and F1 of the positive label (binary) or macro-averaged over labels (multiclass); ROC AUC
 * from the score by the rank statistic with ties averaged (one-vs-rest macro for multiclass with
 * probabilities); log loss with probabilities clipped to [1e-15, 1 − 1e-15]; MAE and RMSE for
 * regression. A metric that is undefined on the data (AUC with one class; binary precision with no
 * positive prediction, recall with no positive label, F1 with neither) is left out, and macro
 * averages run over the classes the window holds as labels or predictions.
 */
public final class PerformanceCalculator {

    static final double EPS = 1e-15;

    private PerformanceCalculator() {
    }

    public static Map<String, Double> compute(Task task, List<String> labels, String positiveLabel, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Map.of();
        }
        if (task == Task.REGRESSION) {
            return regression(outcomes);
        }
        if (task == Task.MULTICLASS || (labels != null && labels.size() > 2)) {
            return multiclass(labels, outcomes);
        }
        return binary(positiveLabel(labels, positiveLabel), outcomes);
    }

    static Map<String, Double> binary(String positive, List<Outcome> outcomes) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long correct = 0;
        double logLoss = 0;
        int scored = 0;
        for (Outcome o : outcomes) {
            boolean actual = positive.equals(o.label());
            boolean predicted = o.predictedLabel() != null ? positive.equals(o.predictedLabel())
                    : o.score() != null && o.score() >= 0.5;
            // A predicted label is right only when it is the label: "0.0" or "2" against "0" is wrong,
            // though neither is the positive label.
            boolean right = o.predictedLabel() != null ? o.predictedLabel().equals(o.label()) : actual == predicted;
            correct += right ? 1 : 0;
            tp += actual && predicted ? 1 : 0;
            fp += !actual && predicted ? 1 : 0;
            fn += actual && !predicted ? 1 : 0;
            if (o.score() != null) {
                double p = Math.min(1 - EPS, Math.max(EPS, o.score()));
                logLoss -= actual ? Math.log(p) : Math.log(1 - p);
                scored++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", (double) correct / outcomes.size());
        putPrecisionRecall(m, tp, fp, fn);
        if (scored == outcomes.size()) {
            double[] scores = outcomes.stream().mapToDouble(Outcome::score).toArray();
            boolean[] positives = new boolean[outcomes.size()];
            for (int i = 0; i < positives.length; i++) {
                positives[i] = positive.equals(outcomes.get(i).label());
            }
            Double auc = auc(scores, positives);
            if (auc != null) {
                m.put("auc", auc);
            }
            m.put("logLoss", logLoss / scored);
        }
        return m;
    }

    static Map<String, Double> multiclass(List<String> labels, List<Outcome> outcomes) {
        long correct = outcomes.stream().filter(o -> o.label().equals(o.predictedLabel())).count();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", (double) correct / outcomes.size());
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        // Averaged over the classes the window has (as labels or as predictions), as scikit-learn
        // does without a fixed label list: a class nobody sent nor predicted has no precision or
        // recall to speak of, and counted as 0 it would pull the average down by itself.
        Set<String> present = new HashSet<>();
        outcomes.forEach(o -> {
            present.add(o.label());
            if (o.predictedLabel() != null) {
                present.add(o.predictedLabel());
            }
        });
        List<String> classes = labels == null || labels.isEmpty() ? present.stream().sorted().toList()
                : labels.stream().filter(present::contains).toList();
        if (classes.isEmpty()) {
            return m;
        }
        for (String c : classes) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (Outcome o : outcomes) {
                boolean actual = c.equals(o.label());
                boolean predicted = c.equals(o.predictedLabel());
                tp += actual && predicted ? 1 : 0;
                fp += !actual && predicted ? 1 : 0;
                fn += actual && !predicted ? 1 : 0;
            }
            // scikit-learn's zero_division default: an undefined ratio counts as 0 in the macro average.
            double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            precision += p;
            recall += r;
            f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        m.put("precision", precision / classes.size());
        m.put("recall", recall / classes.size());
        m.put("f1", f1 / classes.size());
        if (labels != null && outcomes.stream().allMatch(o -> o.probabilities() != null && o.probabilities().length == labels.size())) {
            double logLoss = 0;
            for (Outcome o : outcomes) {
                int k = labels.indexOf(o.label());
                logLoss -= Math.log(Math.min(1 - EPS, Math.max(EPS, k < 0 ? 0 : o.probabilities()[k])));
            }
            m.put("logLoss", logLoss / outcomes.size());
            double aucSum = 0;
            int aucs = 0;
            for (int k = 0; k < labels.size(); k++) {
                final int index = k;
                double[] scores = outcomes.stream().mapToDouble(o -> o.probabilities()[index]).toArray();
                boolean[] positives = new boolean[outcomes.size()];
                for (int i = 0; i < positives.length; i++) {
                    positives[i] = labels.get(k).equals(outcomes.get(i).label());
                }
                Double auc = auc(scores, positives);
                if (auc != null) {
                    aucSum += auc;
                    aucs++;
                }
            }
            if (aucs == labels.size()) {
                m.put("auc", aucSum / aucs);
            }
        }
        return m;
    }

    static Map<String, Double> regression(List<Outcome> outcomes) {
        double abs = 0;
        double sq = 0;
        int n = 0;
        for (Outcome o : outcomes) {
            if (o.score() == null) {
                continue;
            }
            double actual;
            try {
                actual = Double.parseDouble(o.label());
            } catch (NumberFormatException e) {
                continue;
            }
            // "NaN", "Infinity" and "1e400" parse, and one of them would poison the errors for a whole window.
            if (!Double.isFinite(actual) || !Double.isFinite(o.score())) {
                continue;
            }
            double err = o.score() - actual;
            abs += Math.abs(err);
            sq += err * err;
            n++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (n > 0) {
            m.put("mae", abs / n);
            m.put("rmse", Math.sqrt(sq / n));
        }
        return m;
    }

    /** Area under the ROC curve as the Mann-Whitney statistic, ties given their average rank. */
    static Double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
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
            return null;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * negatives);
    }

    /**
     * Left out when undefined, like AUC over one class: recall with no positive label in the
     * window (late positive labels are common), precision with no positive prediction, F1 with
     * neither. Scored as 0 instead, they would raise a degraded-performance alert about data that
     * says nothing.
     */
    private static void putPrecisionRecall(Map<String, Double> m, long tp, long fp, long fn) {
        Double precision = tp + fp == 0 ? null : (double) tp / (tp + fp);
        Double recall = tp + fn == 0 ? null : (double) tp / (tp + fn);
        if (precision != null) {
            m.put("precision", precision);
        }
        if (recall != null) {
            m.put("recall", recall);
        }
        // 2tp / (2tp + fp + fn): defined (and 0) even when a model that stopped predicting the
        // positive class leaves precision undefined; only a window of true negatives has none.
        if (tp + fp + fn > 0) {
            m.put("f1", 2.0 * tp / (2.0 * tp + fp + fn));
        }
    }

    private static String positiveLabel(List<String> labels, String positiveLabel) {
        if (positiveLabel != null) {
            return positiveLabel;
        }
        return labels != null && labels.size() == 2 ? labels.get(1) : "1";
    }
}
