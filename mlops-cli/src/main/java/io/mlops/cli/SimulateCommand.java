package io.mlops.cli;

import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.simulate.BadOptionValue;
import io.mlops.cli.simulate.DriftInjector;
import io.mlops.cli.simulate.DriftSpec;
import io.mlops.cli.simulate.SimulationReport;
import io.mlops.cli.simulate.TrafficPlan;
import io.mlops.cli.simulate.TrafficSimulator;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlops simulate}: production-like traffic with delayed feedback and real, injected drift. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
                "Sends predict requests for real entities at a fixed rate, sends their true labels as feedback",
                "after a delay, and from --drift-at on pushes shifted feature values through the feature store,",
                "so the drift the monitor sees is real."})
final class SimulateCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--model", defaultValue = "credit-risk", description = "Model to call (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--rate", defaultValue = "100/s", description = "Arrival rate, e.g. 200/s (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--duration", defaultValue = "60s", description = "How long to send, e.g. 2m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--drift-at", description = "When to inject drift, e.g. 60s after the start.")
    String driftAt;

    @Option(names = "--drift", defaultValue = "duration=+1.5std,credit_amount=+1.5std,age=-1std",
            description = "Comma-separated shifts: feature=+Nstd, feature=*N or feature=category (default: ${DEFAULT-VALUE}).")
    String drift;

    @Option(names = "--feedback-delay", defaultValue = "2s", description = "Delay before a label arrives (default: ${DEFAULT-VALUE}).")
    String feedbackDelay;

    @Option(names = "--feedback-share", defaultValue = "1.0", description = "Share of predictions that get a label (default: ${DEFAULT-VALUE}).")
    double feedbackShare;

    @Option(names = "--labels", defaultValue = "truth",
            description = "Feedback labels: truth (from the data set) or contradict (the other label than the model's "
                    + "answer: concept drift that makes live performance fall) (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--dataset", defaultValue = "credit-g", description = "The data set the model was trained on (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--view", defaultValue = "credit-applicants", description = "Feature view to drift (default: ${DEFAULT-VALUE}).")
    String view;

    @Option(names = "--join-key", defaultValue = "applicant_id", description = "Entity key column (default: ${DEFAULT-VALUE}).")
    String joinKey;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of entity choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = root.terminal();
        Table table = Datasets.load(dataset);
        String label = Datasets.isBuiltIn(dataset) ? Datasets.builtIn(dataset).labelColumn() : "class";
        List<DriftSpec> drifts = driftAt == null ? List.of() : DriftSpec.parseAll(drift);
        drifts.forEach(d -> d.validate(table));
        TrafficPlan plan = new TrafficPlan(model, TrafficPlan.parseRate(rate), TrafficPlan.parseDuration(duration),
                TrafficPlan.parseDuration(feedbackDelay), feedbackShare,
                driftAt == null ? null : TrafficPlan.parseDuration(driftAt), drifts, seed);
        if (plan.driftAt() != null && plan.driftAt().compareTo(plan.lastSend()) > 0) {
            terminal.error("--drift-at " + driftAt + " is after the last request of --duration " + duration + " at "
                    + rate + ": the drift would never be injected");
            return ExitCodes.USAGE;
        }
        FeatureStoreClient store = new FeatureStoreClient(root.settings().featureStoreUrl(), root.actor());
        TrafficSimulator simulator = new TrafficSimulator(root.settings().inferenceUrl(), root.actor(), model, joinKey,
                table, label).labelledBy(labeller(labels));
        terminal.println(String.format("sending %.0f req/s to %s for %s%s", plan.ratePerSecond(), model, duration,
                drifts.isEmpty() ? "" : "; drift at " + driftAt + ": " + drift));
        SimulationReport report = simulator.run(plan, () -> {
            int rows = DriftInjector.inject(store, view, joinKey, label, table, drifts);
            terminal.println(terminal.yellow("drift injected: " + rows + " entities now have " + drift));
        }, p -> terminal.status(String.format("%3ds  sent %d  ok %d  failed %d  p50 %.1f ms  p99 %.1f ms%s",
                p.elapsedSeconds(), p.sent(), p.ok(), p.failed(), p.p50Millis(), p.p99Millis(),
                p.drifted() && !drifts.isEmpty() ? "  [drifted]" : "")));
        terminal.clearStatus();
        terminal.println(String.format("sent %d at %.1f req/s: %d ok, %d failed %s", report.sent(),
                report.achievedRate(), report.ok(), report.failed(),
                report.describeFailures()));
        terminal.println(String.format("latency from intended send time: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                report.p50Millis(), report.p99Millis(), report.p999Millis(), report.maxMillis()));
        terminal.println("answers by model version: " + report.byVersion());
        terminal.println("feedback: " + report.feedbackSent() + " labels sent, " + report.feedbackFailed() + " failed");
        if (report.driftMissed()) {
            terminal.error("the drift was not injected: " + report.driftProblem());
        }
        return report.failed() == 0 && report.feedbackFailed() == 0 && !report.driftMissed()
                ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static TrafficSimulator.Labeller labeller(String labels) {
        return switch (labels) {
            case "truth" -> TrafficSimulator.TRUTH;
            case "contradict" -> TrafficSimulator.CONTRADICT;
            default -> throw new BadOptionValue("--labels must be truth or contradict, not " + labels);
        };
    }
}
