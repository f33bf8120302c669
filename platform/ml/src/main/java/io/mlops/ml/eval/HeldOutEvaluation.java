package io.mlops.ml.eval;

import io.mlops.ml.data.Table;
import io.mlops.ml.profile.ReferenceProfiles;
import io.mlops.ml.train.TrainedModel;

/** Scores a trained binary classifier on the rows it never saw: its test split. */
public final class HeldOutEvaluation {

    private HeldOutEvaluation() {
    }

    public static BinaryMetrics of(TrainedModel trained) {
        Table test = trained.split().test();
        int n = test.size();
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        boolean[] predicted = new boolean[n];
        int p = trained.positiveIndex();
        for (int i = 0; i < n; i++) {
            Object[] row = test.rows().get(i);
            double[] probabilities = trained.probabilities(row);
            scores[i] = probabilities[p];
            positive[i] = trained.positiveLabel().equals(trained.encoder().label(row));
            predicted[i] = ReferenceProfiles.argmax(probabilities) == p;
        }
        return BinaryMetrics.of(scores, positive, predicted);
    }
}
