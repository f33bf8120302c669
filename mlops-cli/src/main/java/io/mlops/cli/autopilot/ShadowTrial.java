package io.mlops.cli.autopilot;

import static io.mlops.cli.autopilot.AliasNames.CHALLENGER;
import static io.mlops.cli.autopilot.AliasNames.CHAMPION;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs the challenger in shadow beside the champion: it sees every request, its answers are only
 * logged, and feedback labels reach both arms under the request's prediction id. The trial ends
 * when the decision rule has enough paired labels to decide, or when its time is up.
 */
public final class ShadowTrial {

    private final Aliases aliases;
    private final Traffic traffic;
    private final MonitorApi monitor;
    private final String model;
    private final Report report;
    private final Duration loadTimeout;
    private final Duration poll;

    public ShadowTrial(Aliases aliases, Traffic traffic, MonitorApi monitor, String model, Report report,
                       Duration loadTimeout, Duration poll) {
        this.aliases = aliases;
        this.traffic = traffic;
        this.monitor = monitor;
        this.model = model;
        this.report = report;
        this.loadTimeout = loadTimeout;
        this.poll = poll;
    }

    /** Points the challenger alias at the version and shadows it; returns when the trial's evidence starts. */
    public Instant start(int challenger) throws InterruptedException {
        report.step("shadowing v" + challenger + " as challenger");
        aliases.set(CHALLENGER, challenger);
        report.detail("registry: alias challenger → v" + challenger);
        traffic.shadow(CHAMPION, CHALLENGER);
        report.detail("inference: champion answers, challenger runs in shadow on every request");
        if (!traffic.awaitServing(CHALLENGER, challenger, loadTimeout)) {
            throw new TrialException("inference did not load v" + challenger + " within " + loadTimeout.toSeconds() + " s");
        }
        Instant start = Instant.now();
        report.detail("inference loaded v" + challenger + "; trial from " + start);
        return start;
    }

    /** Waits for labelled requests both arms answered and applies the rule; never waits past {@code timeout}. */
    public Result judge(Instant start, int champion, int challenger, String positiveLabel, DecisionRule rule,
                        Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean timedOut = System.nanoTime() >= deadline;
            Comparison c = TrialEvaluator.compare(monitor.labelled(model, start), champion, challenger, positiveLabel);
            Verdict verdict = rule.decide(c, timedOut);
            if (verdict.decided()) {
                return new Result(c, verdict);
            }
            report.waiting("trial: " + verdict.reason());
            Thread.sleep(poll.toMillis());
        }
    }

    /** What the trial measured and what the rule made of it. */
    public record Result(Comparison comparison, Verdict verdict) {
    }

    /** The trial could not run (the challenger never loaded). */
    public static final class TrialException extends RuntimeException {
        public TrialException(String message) {
            super(message);
        }
    }
}
