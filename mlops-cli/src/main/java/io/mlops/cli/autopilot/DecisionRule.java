package io.mlops.cli.autopilot;

import java.util.Set;

/**
 * When a challenger takes over: after at least {@code minLabels} labelled requests answered by both
 * arms, the challenger must beat the champion on {@code metric} by at least {@code margin} (log
 * loss lower, AUC or accuracy higher). Anything else keeps the champion: a tie, a smaller gain, a
 * metric that cannot be computed (AUC on one class) or too few labels before the timeout.
 */
public record DecisionRule(int minLabels, String metric, double margin) {

    public static final Set<String> METRICS = Set.of("log_loss", "auc", "accuracy");

    public DecisionRule {
        if (minLabels < 1) {
            throw new IllegalArgumentException("--min-labels must be at least 1");
        }
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("--metric must be one of " + METRICS + ", not " + metric);
        }
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("--margin must not be negative");
        }
    }

    /**
     * @param timedOut whether the trial's time is up: a trial short of labels then ends in a rollback
     */
    public Verdict decide(Comparison c, boolean timedOut) {
        if (c.pairs() < minLabels) {
            return timedOut
                    ? Verdict.rollBack("only " + c.pairs() + " of " + minLabels + " paired labels before the timeout")
                    : Verdict.waiting(c.pairs() + " of " + minLabels + " paired labels");
        }
        double champion = c.champion().get(metric);
        double challenger = c.challenger().get(metric);
        if (Double.isNaN(champion) || Double.isNaN(challenger)) {
            return Verdict.rollBack(metric + " is undefined on these labels (one class only)");
        }
        double gain = "log_loss".equals(metric) ? champion - challenger : challenger - champion;
        String numbers = String.format("%s %.4f vs %.4f (gain %+.4f, margin %.4f) over %d paired labels", metric,
                challenger, champion, gain, margin, c.pairs());
        return gain > 0 && gain >= margin ? Verdict.promote("challenger wins: " + numbers)
                : Verdict.rollBack("challenger does not win: " + numbers);
    }
}
