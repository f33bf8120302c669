package io.mlops.ml.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void aucMatchesScikitLearnsDocumentedExample() {
        // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75 in scikit-learn's documentation.
        double auc = BinaryMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        assertEquals(0.75, auc, 1e-12);
    }

    @Test
    void tiedScoresCountHalf() {
        double auc = BinaryMetrics.auc(new double[] {0.5, 0.5}, new boolean[] {false, true});
        assertEquals(0.5, auc, 1e-12);
    }

    @Test
    void accuracyAndLogLossByHand() {
        var metrics = BinaryMetrics.of(new double[] {0.9, 0.2, 0.6},
                new boolean[] {true, false, false}, new boolean[] {true, false, true});

        assertEquals(2.0 / 3, metrics.accuracy(), 1e-12);
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
        assertEquals(expected, metrics.logLoss(), 1e-12);
        assertEquals(1.0, metrics.auc(), 1e-12);
    }
}
