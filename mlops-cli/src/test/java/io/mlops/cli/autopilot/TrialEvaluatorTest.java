package io.mlops.cli.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialEvaluatorTest {

    private static LabelledRow row(String id, int version, String arm, double score, String label) {
        return new LabelledRow(id, version, arm, Instant.EPOCH, null, score >= 0.5 ? "bad" : "good", score, label);
    }

    @Test
    void scoresBothArmsOnTheSameRequestsOnly() {
        List<LabelledRow> rows = new ArrayList<>();
        // Four requests both arms answered: the champion is confidently wrong, the challenger right.
        for (int i = 0; i < 4; i++) {
            String label = i % 2 == 0 ? "bad" : "good";
            rows.add(row("p" + i, 1, "champion", label.equals("bad") ? 0.2 : 0.8, label));
            rows.add(row("p" + i, 2, "shadow", label.equals("bad") ? 0.8 : 0.2, label));
        }
        // Requests only one arm has: left out on both sides.
        rows.add(row("only-champion", 1, "champion", 0.9, "bad"));
        rows.add(row("only-shadow", 2, "shadow", 0.1, "bad"));
        // Another version's rows do not count.
        rows.add(row("p0", 3, "shadow", 0.5, "bad"));

        Comparison c = TrialEvaluator.compare(rows, 1, 2, "bad");

        assertEquals(4, c.pairs());
        assertEquals(-Math.log(0.2), c.champion().logLoss(), 1e-12);
        assertEquals(-Math.log(0.8), c.challenger().logLoss(), 1e-12);
        assertEquals(0.0, c.champion().accuracy(), 1e-12);
        assertEquals(1.0, c.challenger().accuracy(), 1e-12);
        assertEquals(0.0, c.champion().auc(), 1e-12);
        assertEquals(1.0, c.challenger().auc(), 1e-12);
        assertEquals(Verdict.Kind.PROMOTE, new DecisionRule(4, "log_loss", 0.02).decide(c, false).kind());
    }

    @Test
    void noPairsNoMetrics() {
        Comparison c = TrialEvaluator.compare(List.of(row("a", 1, "champion", 0.3, "good")), 1, 2, "bad");
        assertEquals(0, c.pairs());
        assertNull(c.champion());
    }
}
