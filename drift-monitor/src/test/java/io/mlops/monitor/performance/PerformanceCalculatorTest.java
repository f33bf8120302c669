package io.mlops.monitor.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mlops.events.registry.Task;
import io.mlops.monitor.performance.service.Outcome;
import io.mlops.monitor.performance.service.PerformanceCalculator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the examples in scikit-learn's documentation of each metric. */
class PerformanceCalculatorTest {

    @Test
    void rocAucOfTheScikitLearnExample() {
        // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        List<Outcome> o = List.of(new Outcome("0", 0.1, null, "0"), new Outcome("0", 0.4, null, "0"),
                new Outcome("0", 0.35, null, "1"), new Outcome("1", 0.8, null, "1"));
        Map<String, Double> m = PerformanceCalculator.compute(Task.BINARY_CLASSIFICATION, List.of("0", "1"), "1", o);
        assertEquals(0.75, m.get("auc"), 1e-12);
    }

    @Test
    void logLossOfTheScikitLearnExample() {
        // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) == 0.21616...
        List<Outcome> o = List.of(new Outcome("spam", 0.9, null, "spam"), new Outcome("ham", 0.1, null, "ham"),
                new Outcome("ham", 0.2, null, "ham"), new Outcome("spam", 0.65, null, "spam"));
        Map<String, Double> m = PerformanceCalculator.compute(Task.BINARY_CLASSIFICATION, List.of("ham", "spam"), "spam", o);
        assertEquals(0.21616187468057912, m.get("logLoss"), 1e-12);
        assertEquals(1.0, m.get("accuracy"));
    }

    @Test
    void macroPrecisionRecallAndF1OfTheScikitLearnExample() {
        // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]:
        // precision macro 0.2222, recall macro 0.3333, f1 macro 0.2667, accuracy 1/3
        String[] truth = {"0", "1", "2", "0", "1", "2"};
        String[] predicted = {"0", "2", "1", "0", "0", "1"};
        List<Outcome> o = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            o.add(new Outcome(predicted[i], null, null, truth[i]));
        }
        Map<String, Double> m = PerformanceCalculator.compute(Task.MULTICLASS, List.of("0", "1", "2"), null, o);
        assertEquals(2.0 / 9, m.get("precision"), 1e-12);
        assertEquals(1.0 / 3, m.get("recall"), 1e-12);
        assertEquals(0.8 / 3, m.get("f1"), 1e-12);
        assertEquals(1.0 / 3, m.get("accuracy"), 1e-12);
        assertFalse(m.containsKey("auc"), "no probabilities, no AUC");
    }

    @Test
    void undefinedRatiosAreLeftOutNotScoredAsZero() {
        // No positive label yet (late fraud labels): recall undefined, precision 0 of 1.
        List<Outcome> noPositives = List.of(new Outcome("no", 0.2, null, "no"), new Outcome("yes", 0.7, null, "no"));
        Map<String, Double> m = PerformanceCalculator.compute(Task.BINARY_CLASSIFICATION, List.of("no", "yes"), "yes",
                noPositives);
        assertFalse(m.containsKey("recall"), m.toString());
        assertEquals(0.0, m.get("precision"));
        assertEquals(0.0, m.get("f1"), "2tp / (2tp + fp + fn) with one false positive");
        assertEquals(0.5, m.get("accuracy"));

        // A model that stopped predicting the positive class: precision undefined, F1 still 0.
        List<Outcome> collapsed = List.of(new Outcome("no", 0.2, null, "yes"), new Outcome("no", 0.1, null, "no"));
        Map<String, Double> c = PerformanceCalculator.compute(Task.BINARY_CLASSIFICATION, List.of("no", "yes"), "yes",
                collapsed);
        assertFalse(c.containsKey("precision"), c.toString());
        assertEquals(0.0, c.get("recall"));
        assertEquals(0.0, c.get("f1"));

        // Only true negatives: none of the three is defined.
        Map<String, Double> quiet = PerformanceCalculator.compute(Task.BINARY_CLASSIFICATION, List.of("no", "yes"), "yes",
                List.of(new Outcome("no", 0.2, null, "no")));
        assertFalse(quiet.containsKey("precision") || quiet.containsKey("recall") || quiet.containsKey("f1"), quiet.toString());

        // Multiclass: a class neither sent nor predicted is outside the macro average, as in
        // precision_recall_fscore_support([a, b, a, b], [a, b, a, b], average="macro") == 1.0.
        List<Outcome> twoOfThree = List.of(new Outcome("a", null, null, "a"), new Outcome("b", null, null, "b"),
                new Outcome("a", null, null, "a"), new Outcome("b", null, null, "b"));
        Map<String, Double> macro = PerformanceCalculator.compute(Task.MULTICLASS, List.of("a", "b", "c"), null, twoOfThree);
        assertEquals(1.0, macro.get("recall"), 1e-12);
        assertEquals(1.0, macro.get("precision"), 1e-12);
        assertEquals(1.0, macro.get("f1"), 1e-12);
    }

    @Test
    void accuracyOfTheScikitLearnExample() {
        // accuracy_score([0, 2, 1, 3], [0, 1, 2, 3]) == 0.5
        List<Outcome> o = List.of(new Outcome("0", null, null, "0"), new Outcome("1", null, null, "2"),
                new Outcome("2", null, null, "1"), new Outcome("3", null, null, "3"));
        assertEquals(0.5, PerformanceCalculator.compute(Task.MULTICLASS, List.of("0", "1", "2", "3"), null, o)
                .get("accuracy"), 1e-12);
    }

    @Test
    void aBinaryPredictionIsRightOnlyWhenItIsTheLabel() {
        // accuracy_score(["2", "0"], ["0", "0"]) == 0.5: "2" is not the positive label, nor is "0", yet they differ.
        List<Outcome> o = List.of(new Outcome("0", 0.2, null, "2"), new Outcome("0", 0.2, null, "0"));
        assertEquals(0.5, PerformanceCalculator.compute(Task.BINARY_CLASSIFICATION, List.of("0", "1"), "1", o)
                .get("accuracy"), 1e-12);
    }

    @Test
    void multiclassLogLossAndAucFromTheProbabilities() {
        // Each row's probability of its true label: 0.7, 0.6, 0.5 -> log loss = -(ln .7 + ln .6 + ln .5) / 3.
        List<Outcome> o = List.of(
                new Outcome("a", null, new double[] {0.7, 0.2, 0.1}, "a"),
                new Outcome("b", null, new double[] {0.3, 0.6, 0.1}, "b"),
                new Outcome("c", null, new double[] {0.2, 0.3, 0.5}, "c"));
        Map<String, Double> m = PerformanceCalculator.compute(Task.MULTICLASS, List.of("a", "b", "c"), null, o);
        assertEquals(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.5)) / 3, m.get("logLoss"), 1e-12);
        assertEquals(1.0, m.get("auc"), 1e-12);
    }

    @Test
    void regressionErrorsByHand() {
        // errors 0.5, -1, 2: MAE = 3.5 / 3, RMSE = sqrt((0.25 + 1 + 4) / 3)
        List<Outcome> o = List.of(new Outcome(null, 1.5, null, "1"), new Outcome(null, 2.0, null, "3"),
                new Outcome(null, 6.0, null, "4"));
        Map<String, Double> m = PerformanceCalculator.compute(Task.REGRESSION, List.of(), null, o);
        assertEquals(3.5 / 3, m.get("mae"), 1e-12);
        assertEquals(Math.sqrt(5.25 / 3), m.get("rmse"), 1e-12);
    }
}
