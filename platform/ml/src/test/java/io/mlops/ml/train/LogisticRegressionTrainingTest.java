package io.mlops.ml.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.events.profile.CategoricalProfile;
import io.mlops.events.profile.NumericProfile;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import io.mlops.ml.eval.BinaryMetrics;
import io.mlops.ml.eval.HeldOutEvaluation;
import io.mlops.ml.export.OnnxExport;
import io.mlops.ml.export.OnnxVerification;
import io.mlops.ml.profile.ReferenceProfiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains on the real German Credit data, exports to ONNX and checks the artifact in ONNX Runtime. */
class LogisticRegressionTrainingTest {

    private static Table credit;
    private static TrainedModel trained;
    private static byte[] onnx;

    @BeforeAll
    static void train() {
        credit = Datasets.load("credit-g");
        trained = LogisticRegressionTraining.train(credit, TrainingConfig.defaults("class", "bad"));
        onnx = OnnxExport.toBytes(trained, 1);
    }

    @Test
    void onnxRuntimeReproducesTheTrainedModelOnTheTestSplit() {
        double difference = OnnxVerification.maxAbsoluteDifference(onnx, trained, trained.split().test());
        assertTrue(difference < 1e-4, "ONNX Runtime differs from the trained model by " + difference);
    }

    @Test
    void learnsSomethingRealOnHeldOutRows() {
        BinaryMetrics metrics = evaluate(trained);
        // A logistic regression on this data set reaches about 0.75 accuracy and 0.78 AUC; a model
        // predicting the majority class scores 0.70 accuracy and 0.5 AUC.
        assertEquals(200, metrics.count());
        assertTrue(metrics.auc() > 0.7, "AUC " + metrics.auc());
        assertTrue(metrics.accuracy() > 0.68, "accuracy " + metrics.accuracy());
        assertTrue(metrics.logLoss() < 0.6, "log loss " + metrics.logLoss());
    }

    @Test
    void columnLayoutIsReadFromTheModelAndCoversEveryFeature() {
        ColumnLayout layout = trained.layout();
        assertEquals(20, layout.featureRefs().size(), "every raw feature feeds the model");
        assertEquals(13, layout.encodings().size(), "one encoding per categorical feature");
        int oneHotColumns = layout.encodings().stream().mapToInt(e -> e.oneHot().size()).sum();
        assertEquals(layout.width(), 7 + oneHotColumns);
        // Walk featureRefs + encodings the way inference does and land on the model's own column names.
        int column = 0;
        for (String feature : layout.featureRefs()) {
            var encoding = layout.encodings().stream().filter(e -> e.feature().equals(feature)).findFirst();
            if (encoding.isEmpty()) {
                assertEquals(feature, layout.columnNames().get(column++));
            } else {
                for (String category : encoding.get().oneHot()) {
                    assertEquals(feature + "=" + category, layout.columnNames().get(column++));
                }
            }
        }
        assertEquals(layout.width(), column);
        assertEquals(List.of("good", "bad"), trained.labels().stream().sorted((a, b) -> b.compareTo(a)).toList());
    }

    @Test
    void unknownCategoryAndMissingNumberAreHandledLikeInference() {
        Map<String, Object> raw = new HashMap<>(OnnxVerification.rawValues(trained, credit.rows().get(0)));
        raw.put("purpose", "spaceship");
        raw.put("age", null);
        float[] vector = trained.layout().vector(raw);
        int ageColumn = trained.layout().columnNames().indexOf("age");
        assertEquals(trained.stats().mean("age"), vector[ageColumn], 1e-3, "a missing number is its training mean");
        for (int c = 0; c < vector.length; c++) {
            if (trained.layout().columnNames().get(c).startsWith("purpose=")) {
                assertEquals(0f, vector[c], "an unknown category is all zeros");
            }
        }
    }

    @Test
    void sameDataAndSeedGiveTheSameModel() {
        TrainedModel again = LogisticRegressionTraining.train(credit, TrainingConfig.defaults("class", "bad"));
        assertArrayEquals(onnx, OnnxExport.toBytes(again, 1));
        assertEquals(evaluate(trained), evaluate(again));
    }

    @Test
    void referenceProfileDescribesRawFeaturesAndOutputs() {
        byte[] onnx = OnnxExport.toBytes(trained, 1);
        ReferenceProfile profile = ReferenceProfiles.of(trained, trained.split().train(), onnx);

        assertEquals(20, profile.features().size());
        NumericProfile age = (NumericProfile) profile.features().get("age");
        assertEquals(800, age.count());
        assertEquals(800, age.sample().size());
        assertTrue(age.min() >= 19 && age.max() <= 75, "German Credit ages are 19..75");
        CategoricalProfile purpose = (CategoricalProfile) profile.features().get("purpose");
        assertEquals(800, purpose.counts().values().stream().mapToLong(Long::longValue).sum());
        NumericProfile score = (NumericProfile) profile.score();
        assertTrue(score.min() >= 0 && score.max() <= 1);
        CategoricalProfile predicted = (CategoricalProfile) profile.predictedLabel();
        assertEquals(800, predicted.count());
        // The scores are the artifact's FP32 answers, as live predictions carry them.
        float[][] served = OnnxVerification.probabilities(onnx, trained, trained.split().train());
        java.util.Set<Double> live = new java.util.HashSet<>();
        for (float[] p : served) {
            live.add((double) p[trained.positiveIndex()]);
        }
        assertTrue(live.containsAll(score.sample()), "every reference score is a value the served model answers");
    }

    static BinaryMetrics evaluate(TrainedModel model) {
        return HeldOutEvaluation.of(model);
    }
}
