package io.mlops.cli.autopilot;

import io.mlops.ml.eval.BinaryMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pairs the champion's and the challenger's labelled predictions by request and scores each arm. */
public final class TrialEvaluator {

    private TrialEvaluator() {
    }

    /**
     * @param rows labelled rows of the trial period, any versions and arms
     * @param positiveLabel the label whose probability {@code score} is
     */
    public static Comparison compare(List<LabelledRow> rows, int champion, int challenger, String positiveLabel) {
        Map<String, LabelledRow> championRows = new HashMap<>();
        Map<String, LabelledRow> challengerRows = new HashMap<>();
        for (LabelledRow row : rows) {
            if (row.score() == null) {
                continue;
            }
            if (row.version() == champion && "champion".equals(row.arm())) {
                championRows.put(row.predictionId(), row);
            } else if (row.version() == challenger && !"champion".equals(row.arm())) {
                challengerRows.put(row.predictionId(), row);
            }
        }
        List<LabelledRow[]> pairs = new ArrayList<>();
        championRows.forEach((id, c) -> {
            LabelledRow other = challengerRows.get(id);
            if (other != null) {
                pairs.add(new LabelledRow[] {c, other});
            }
        });
        if (pairs.isEmpty()) {
            return new Comparison(0, null, null);
        }
        return new Comparison(pairs.size(), metrics(pairs, 0, champion, positiveLabel),
                metrics(pairs, 1, challenger, positiveLabel));
    }

    private static ArmMetrics metrics(List<LabelledRow[]> pairs, int side, int version, String positiveLabel) {
        int n = pairs.size();
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        boolean[] predictedPositive = new boolean[n];
        for (int i = 0; i < n; i++) {
            LabelledRow row = pairs.get(i)[side];
            scores[i] = row.score();
            positive[i] = positiveLabel.equals(row.label());
            predictedPositive[i] = row.predictedLabel() != null ? positiveLabel.equals(row.predictedLabel())
                    : row.score() >= 0.5;
        }
        BinaryMetrics m = BinaryMetrics.of(scores, positive, predictedPositive);
        return new ArmMetrics(version, m.count(), m.accuracy(), m.auc(), m.logLoss());
    }
}
