package io.mlops.cli.autopilot;

import static io.mlops.cli.autopilot.AliasNames.CHAMPION;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.train.TrainingOutcome;
import java.time.Duration;
import java.time.Instant;

/**
 * One turn of the loop for one alert: retrain on the labelled live data, register the result as
 * the challenger, shadow it, and promote it or roll it back on what live feedback says.
 */
public final class Autopilot {

    /**
     * @param timeout the longest autopilot waits for labelled data to retrain on, and for a trial to decide
     * @param swapTimeout the longest an alias move may take to be served
     * @param dataset the original training set the retraining set starts from
     */
    public record Settings(String model, DecisionRule rule, Duration timeout, Duration poll, Duration swapTimeout,
                           String dataset, String experiment) {
    }

    /** What one turn did. */
    public record Outcome(Alert alert, int championBefore, int challenger, Verdict verdict, Comparison comparison,
                          int championAfter) {
        public boolean promoted() {
            return championAfter == challenger && challenger != championBefore;
        }
    }

    private final RegistryClient registry;
    private final Aliases aliases;
    private final Traffic traffic;
    private final MonitorApi monitor;
    private final Retrainer retrainer;
    private final Report report;
    private final Settings settings;

    public Autopilot(RegistryClient registry, Aliases aliases, Traffic traffic, MonitorApi monitor, Retrainer retrainer,
                     Report report, Settings settings) {
        this.registry = registry;
        this.aliases = aliases;
        this.traffic = traffic;
        this.monitor = monitor;
        this.retrainer = retrainer;
        this.report = report;
        this.settings = settings;
    }

    /** The version the champion alias points at now. */
    public int champion() {
        return aliases.version(CHAMPION).orElseThrow(() -> new IllegalStateException(
                settings.model() + " has no champion to protect; promote a version first (mlops promote)"));
    }

    public Outcome handle(Alert alert) throws InterruptedException {
        String model = settings.model();
        report.step("alert: " + alert.describe());
        int champion = champion();
        JsonNode championVersion = registry.version(model, champion);
        Instant since = alert.windowStart() != null ? alert.windowStart() : alert.raisedAt().minus(Duration.ofHours(1));
        TrainingOutcome trained = retrainer.retrain(model, championVersion, settings.dataset(), settings.experiment(),
                since, settings.rule().minLabels(), settings.timeout(), settings.poll());
        int challenger = trained.version();
        report.detail(String.format("registry: version %d created (run %s, held-out AUC %s, log loss %s)",
                challenger, trained.runId(), trained.shown("auc"), trained.shown("log_loss")));

        Rollback rollback = new Rollback(aliases, traffic, report, settings.swapTimeout());
        ShadowTrial trial = new ShadowTrial(aliases, traffic, monitor, model, report, settings.swapTimeout(),
                settings.poll());
        ShadowTrial.Result result;
        try {
            Instant start = trial.start(challenger);
            result = trial.judge(start, champion, challenger, championVersion.path("positiveLabel").asText(),
                    settings.rule(), settings.timeout());
        } catch (ShadowTrial.TrialException e) {
            int after = rollback.run(champion, challenger, e.getMessage());
            return new Outcome(alert, champion, challenger, Verdict.rollBack(e.getMessage()), null, after);
        } catch (RuntimeException e) {
            rollback.run(champion, challenger, "the trial failed: " + e.getMessage());
            throw e;
        }
        reportTrial(result, champion, challenger);

        Verdict verdict = result.verdict();
        int now = champion();
        if (verdict.kind() == Verdict.Kind.PROMOTE && now != champion) {
            verdict = Verdict.rollBack("the champion was moved to v" + now + " during the trial; leaving it there");
        }
        int after = verdict.kind() == Verdict.Kind.PROMOTE
                ? new Promotion(aliases, traffic, rollback, report, settings.swapTimeout()).run(champion, challenger)
                : rollback.run(champion, challenger, verdict.reason());
        return new Outcome(alert, champion, challenger, verdict, result.comparison(), after);
    }

    private void reportTrial(ShadowTrial.Result result, int champion, int challenger) {
        report.step("trial result: " + result.verdict().reason());
        Comparison c = result.comparison();
        if (c.champion() != null) {
            report.detail("champion   " + c.champion().describe());
            report.detail("challenger " + c.challenger().describe());
        }
        for (int version : new int[] {champion, challenger}) {
            try {
                JsonNode p = monitor.performance(settings.model(), version);
                StringBuilder metrics = new StringBuilder();
                p.path("metrics").fields().forEachRemaining(m -> metrics.append(metrics.isEmpty() ? "" : ", ")
                        .append(m.getKey()).append(' ').append(String.format("%.3f", m.getValue().asDouble())));
                report.detail("drift monitor, v" + version + " rolling over " + p.path("labelCount").asLong()
                        + " labels: " + metrics);
            } catch (ApiException e) {
                report.detail("drift monitor, v" + version + ": " + e.getMessage());
            }
        }
    }
}
