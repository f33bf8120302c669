package io.mlops.cli.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecisionRuleTest {

    private static Comparison comparison(long pairs, double championLogLoss, double challengerLogLoss) {
        return new Comparison(pairs, new ArmMetrics(1, pairs, 0.7, 0.75, championLogLoss),
                new ArmMetrics(2, pairs, 0.7, 0.75, challengerLogLoss));
    }

    @Test
    void waitsForEnoughPairedLabelsThenRollsBackWhenTimeIsUp() {
        DecisionRule rule = new DecisionRule(200, "log_loss", 0.02);
        Comparison few = comparison(120, 0.9, 0.3);
        assertEquals(Verdict.Kind.WAIT, rule.decide(few, false).kind());
        Verdict late = rule.decide(few, true);
        assertEquals(Verdict.Kind.ROLL_BACK, late.kind());
        assertTrue(late.reason().contains("120 of 200"), late.reason());
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(new Comparison(0, null, null), true).kind());
    }

    @Test
    void promotesOnlyWhenTheChallengerWinsByTheMargin() {
        DecisionRule rule = new DecisionRule(200, "log_loss", 0.02);
        assertEquals(Verdict.Kind.PROMOTE, rule.decide(comparison(200, 0.60, 0.55), false).kind());
        assertEquals(Verdict.Kind.PROMOTE, rule.decide(comparison(200, 0.60, 0.58), false).kind(), "exactly the margin");
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(comparison(200, 0.60, 0.59), false).kind(), "better, but not by the margin");
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(comparison(500, 0.60, 0.60), false).kind(), "a tie keeps the champion");
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(comparison(500, 0.50, 0.70), false).kind(), "worse");
    }

    @Test
    void aZeroMarginStillNeedsAStrictGain() {
        DecisionRule rule = new DecisionRule(10, "log_loss", 0);
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(comparison(10, 0.5, 0.5), false).kind());
        assertEquals(Verdict.Kind.PROMOTE, rule.decide(comparison(10, 0.5, 0.49), false).kind());
    }

    @Test
    void higherIsBetterForAuc() {
        DecisionRule rule = new DecisionRule(10, "auc", 0.01);
        Comparison better = new Comparison(10, new ArmMetrics(1, 10, 0.7, 0.70, 0.6), new ArmMetrics(2, 10, 0.7, 0.75, 0.6));
        Comparison worse = new Comparison(10, new ArmMetrics(1, 10, 0.7, 0.75, 0.6), new ArmMetrics(2, 10, 0.7, 0.70, 0.6));
        Comparison oneClass = new Comparison(10, new ArmMetrics(1, 10, 0.7, Double.NaN, 0.6),
                new ArmMetrics(2, 10, 0.7, Double.NaN, 0.6));
        assertEquals(Verdict.Kind.PROMOTE, rule.decide(better, false).kind());
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(worse, false).kind());
        assertEquals(Verdict.Kind.ROLL_BACK, rule.decide(oneClass, false).kind(), "undefined AUC never promotes");
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionRule(0, "log_loss", 0.02));
        assertThrows(IllegalArgumentException.class, () -> new DecisionRule(10, "f2", 0.02));
        assertThrows(IllegalArgumentException.class, () -> new DecisionRule(10, "auc", -0.1));
    }
}
