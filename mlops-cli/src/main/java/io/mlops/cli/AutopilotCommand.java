package io.mlops.cli;

import io.mlops.cli.autopilot.Alert;
import io.mlops.cli.autopilot.AlertSource;
import io.mlops.cli.autopilot.Autopilot;
import io.mlops.cli.autopilot.DecisionRule;
import io.mlops.cli.autopilot.InferenceTraffic;
import io.mlops.cli.autopilot.MonitorApi;
import io.mlops.cli.autopilot.RegistryAliases;
import io.mlops.cli.autopilot.Report;
import io.mlops.cli.autopilot.Retrainer;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import io.mlops.cli.simulate.TrafficPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlops autopilot}: closes the loop. On a drift or performance alert about the champion it
 * retrains on the labelled live data, shadows the new version as challenger, and promotes it or
 * rolls it back depending on how both do on the same labelled requests.
 */
@Command(
        name = "autopilot",
        mixinStandardHelpOptions = true,
        description = {
                "Reacts to drift.detected / performance.degraded alerts on the champion: retrains on the original",
                "training set plus the labelled live predictions, registers the result as challenger, runs it in",
                "shadow, and promotes it when it beats the champion on the same labelled requests by --margin",
                "(after at least --min-labels of them); otherwise removes it. Every step is a registry event."})
final class AutopilotCommand implements Callable<Integer> {

    /** How long a watcher waits before asking a service that did not answer again. */
    private static final Duration WATCH_RETRY = Duration.ofSeconds(10);

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--model", defaultValue = "credit-risk", description = "Model to look after (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--once", description = "Handle the alert open now, or the next one, then exit.")
    boolean once;

    @Option(names = "--min-labels", defaultValue = "200",
            description = "Labelled requests both arms must have answered before deciding; also the fewest distinct "
                    + "labelled rows to retrain on (default: ${DEFAULT-VALUE}).")
    int minLabels;

    @Option(names = "--metric", defaultValue = "log_loss",
            description = "What decides the trial: log_loss (lower wins), auc or accuracy (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--margin", defaultValue = "0.02",
            description = "How much better the challenger must be on --metric (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--timeout", defaultValue = "10m",
            description = "Longest wait for an alert (with --once), for labelled data, and for a trial to decide; "
                    + "a trial short of labels then rolls back (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--swap-timeout", defaultValue = "60s",
            description = "Longest an alias move may take to be served before it is rolled back (default: ${DEFAULT-VALUE}).")
    String swapTimeout;

    @Option(names = "--lookback", defaultValue = "24h",
            description = "How long ago an alert still open may have been raised (default: ${DEFAULT-VALUE}).")
    String lookback;

    @Option(names = "--poll", defaultValue = "2s", description = "How often to ask the monitor (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--dataset", defaultValue = "credit-g",
            description = "The original training set the retraining set starts from (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--experiment", defaultValue = "credit-risk",
            description = "Experiment to log the retraining runs in (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = root.terminal();
        DecisionRule rule;
        try {
            rule = new DecisionRule(minLabels, metric, margin);
        } catch (IllegalArgumentException e) {
            terminal.error(e.getMessage());
            return ExitCodes.USAGE;
        }
        Duration wait = TrafficPlan.parseDuration(timeout);
        Duration every = TrafficPlan.parseDuration(poll);
        var settings = root.settings();
        String actor = root.actor();
        RegistryClient registry = new RegistryClient(settings.registryUrl(), actor);
        MonitorApi monitor = new MonitorApi(new ServiceClient("drift-monitor", settings.monitorUrl(), actor));
        Report report = new TerminalReport(terminal);
        Autopilot autopilot = new Autopilot(registry, new RegistryAliases(registry, model),
                new InferenceTraffic(new ServiceClient("inference-service", settings.inferenceUrl(), actor), model),
                monitor, new Retrainer(registry, new FeatureStoreClient(settings.featureStoreUrl(), actor), monitor, report),
                report, new Autopilot.Settings(model, rule, wait, every, TrafficPlan.parseDuration(swapTimeout), dataset,
                        experiment));
        AlertSource alerts = new AlertSource(monitor, model, report, every);

        terminal.println(terminal.bold("autopilot on " + model) + String.format(
                " (champion v%d; promote when %s beats it by ≥ %s on ≥ %d paired labels)", autopilot.champion(),
                metric, margin, minLabels));
        Instant notBefore = Instant.now().minus(TrafficPlan.parseDuration(lookback));
        while (true) {
            Optional<Alert> alert;
            try {
                alert = alerts.next(autopilot::champion, notBefore, once ? wait : Duration.ofDays(3_650));
            } catch (ApiException e) {
                if (once || (e.status() != 0 && e.status() < 500)) {
                    throw e; // a refusal (the model or its champion gone) will not change by asking again
                }
                // A watcher outlives a restart of the services it watches: wait and ask again.
                terminal.error(e.getMessage() + "; asking again in " + WATCH_RETRY.toSeconds() + " s");
                Thread.sleep(WATCH_RETRY.toMillis());
                continue;
            }
            if (alert.isEmpty()) {
                terminal.error("no open drift or performance alert on " + model + " v" + autopilot.champion()
                        + " within " + timeout);
                return ExitCodes.FAILURE;
            }
            Autopilot.Outcome outcome;
            try {
                outcome = autopilot.handle(alert.get());
            } catch (RuntimeException e) {
                if (once) {
                    throw e;
                }
                terminal.error(e.getMessage() + "; watching for the next alert");
                notBefore = Instant.now();
                continue;
            }
            terminal.println(outcome.promoted()
                    ? terminal.green("promoted: " + model + " champion v" + outcome.championBefore() + " → v"
                            + outcome.championAfter())
                    : terminal.yellow("rolled back: " + model + " champion stays v" + outcome.championAfter()
                            + "; v" + outcome.challenger() + " is no longer challenger"));
            if (once) {
                return ExitCodes.OK;
            }
            notBefore = Instant.now();
        }
    }

    /** Steps as bold lines, details indented, waiting as a status line (a line every 10 s when not interactive). */
    static final class TerminalReport implements Report {
        private final Terminal terminal;
        private Long lastWaitingLine;

        TerminalReport(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public void step(String message) {
            terminal.println(terminal.bold("▸ " + message));
        }

        @Override
        public void detail(String message) {
            terminal.println("    " + message);
        }

        @Override
        public void waiting(String message) {
            if (terminal.interactive()) {
                terminal.status("    " + message);
            } else if (lastWaitingLine == null || System.nanoTime() - lastWaitingLine > 10_000_000_000L) {
                lastWaitingLine = System.nanoTime();
                terminal.println("    " + message);
            }
        }
    }
}
