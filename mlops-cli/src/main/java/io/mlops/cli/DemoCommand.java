package io.mlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.autopilot.MonitorApi;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import io.mlops.cli.simulate.DriftInjector;
import io.mlops.cli.simulate.DriftScenarios;
import io.mlops.cli.simulate.DriftSpec;
import io.mlops.cli.simulate.SimulationReport;
import io.mlops.cli.simulate.TrafficPlan;
import io.mlops.cli.simulate.TrafficSimulator;
import io.mlops.cli.train.TrainingOutcome;
import io.mlops.cli.train.TrainingPipeline;
import io.mlops.cli.train.TrainingRequest;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlops demo}: the platform's loop in one command. Starts the platform if needed, trains
 * and promotes a model, sends traffic with feedback, injects real drift at --drift-at, waits for the
 * drift monitor's alert, and prints what happened and where to look.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the MLOps loop end to end against the local platform, starting it first if needed.")
final class DemoCommand implements Callable<Integer> {

    static final String MODEL = "credit-risk";
    static final String DRIFT = DriftScenarios.CREDIT_HALF_SHIFTED;

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--non-interactive", description = "Plain output (no colour, no status line), for scripts; the demo never pauses.")
    boolean nonInteractive;

    @Option(names = "--rate", defaultValue = "50/s", description = "Prediction rate (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--duration", defaultValue = "100s", description = "Traffic duration (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--drift-at", defaultValue = "40s", description = "When drift starts (default: ${DEFAULT-VALUE}).")
    String driftAt;

    @Option(names = "--autopilot", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "End with the autopilot step (default; --no-autopilot skips it): while traffic goes on "
                    + "in the drifted world, `mlops autopilot --once` retrains on its labelled predictions, shadows "
                    + "the challenger and promotes or rolls it back.")
    boolean autopilot;

    @Option(names = "--autopilot-min-labels", defaultValue = "200",
            description = "Paired labels the autopilot trial waits for (default: ${DEFAULT-VALUE}).")
    int autopilotMinLabels;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = nonInteractive ? root.terminal().plain() : root.terminal();
        var settings = root.settings();
        ServiceClient registryHealth = new ServiceClient("model-registry", settings.registryUrl(), root.actor());
        ServiceClient featuresHealth = new ServiceClient("feature-store", settings.featureStoreUrl(), root.actor());
        ServiceClient inference = new ServiceClient("inference-service", settings.inferenceUrl(), root.actor());
        ServiceClient monitor = new ServiceClient("drift-monitor", settings.monitorUrl(), root.actor());
        // Every service, not one: a demo that found the registry up but the monitor dead would fail
        // minutes later. `up` starts only what is missing.
        if (!List.of(registryHealth, featuresHealth, inference, monitor).stream().allMatch(DemoCommand::isUp)) {
            terminal.println(terminal.bold("1. starting the platform"));
            int started = MlopsCommand.commandLine(new MlopsCommand(root.env(), System.getProperties())).execute("up");
            if (started != ExitCodes.OK) {
                return started;
            }
        } else {
            terminal.println(terminal.bold("1. the platform is running"));
        }

        RegistryClient registry = new RegistryClient(settings.registryUrl(), root.actor());
        FeatureStoreClient features = new FeatureStoreClient(settings.featureStoreUrl(), root.actor());

        terminal.println(terminal.bold("2. training " + MODEL + " on German Credit through the feature store"));
        TrainingOutcome trained = new TrainingPipeline(registry, features, new TrainCommand.TerminalProgress(terminal))
                .run(new TrainingRequest("credit-g", "class", "bad", "credit-risk", MODEL, "credit-applicants",
                        "applicant", "applicant_id", 90L * 86_400, 42, 15, 0.5, 0.2));

        terminal.println(terminal.bold("3. promoting version " + trained.version() + " to champion"));
        registry.setAlias(MODEL, "champion", trained.version());
        awaitServed(inference, trained.version(), Duration.ofSeconds(60));
        terminal.println("    inference serves version " + trained.version());

        terminal.println(terminal.bold("4. sending traffic with feedback; drift (" + DRIFT + ") at " + driftAt));
        Table credit = Datasets.load("credit-g");
        List<DriftSpec> drifts = DriftSpec.parseAll(DRIFT);
        Instant trafficStart = Instant.now();
        SimulationReport report = new TrafficSimulator(settings.inferenceUrl(), root.actor(), MODEL, "applicant_id",
                credit, "class").run(new TrafficPlan(MODEL, TrafficPlan.parseRate(rate),
                        TrafficPlan.parseDuration(duration), Duration.ofSeconds(2), 1.0, TrafficPlan.parseDuration(driftAt),
                        drifts, 7),
                () -> {
                    DriftInjector.inject(features, "credit-applicants", "applicant_id", "class", credit, drifts);
                    terminal.println(terminal.yellow("    drift injected through the feature store"));
                },
                p -> terminal.status(String.format("    %3ds  sent %d  ok %d  failed %d  p99 %.1f ms",
                        p.elapsedSeconds(), p.sent(), p.ok(), p.failed(), p.p99Millis())));
        terminal.clearStatus();
        terminal.println(String.format("    %d predictions, %d failed, p50 %.2f ms, p99 %.2f ms", report.ok(),
                report.failed(), report.p50Millis(), report.p99Millis()));
        if (report.driftMissed()) {
            terminal.error("    the drift was not injected: " + report.driftProblem());
        }

        terminal.println(terminal.bold("5. waiting for the drift monitor"));
        JsonNode alert = awaitDriftAlert(monitor, trafficStart, Duration.ofSeconds(90));
        if (alert == null) {
            terminal.println(terminal.yellow("    no drift alert yet; see GET " + settings.monitorUrl() + "/api/v1/drift/" + MODEL));
        } else {
            terminal.println(terminal.red("    " + alert.path("type").asText("drift detected") + ": features "
                    + alert.path("features") + ", drifted share " + alert.path("driftedShare").asText()));
        }
        printPerformance(terminal, monitor, trained.version());

        boolean autopilotOk = true;
        if (autopilot) {
            autopilotOk = runAutopilot(terminal, credit);
        }

        terminal.println("");
        terminal.println(terminal.bold("where to look"));
        terminal.println("  models & lineage  " + settings.registryUrl() + "/q/swagger-ui  ·  mlops models  ·  mlops runs");
        terminal.println("  drift report      " + settings.monitorUrl() + "/api/v1/drift/" + MODEL);
        terminal.println("  alerts            " + settings.monitorUrl() + "/api/v1/alerts?model=" + MODEL);
        terminal.println("  predict           mlops predict " + MODEL + " --entity applicant_id=42");
        terminal.println("  metrics           " + settings.inferenceUrl() + "/q/metrics (and every service's /q/metrics)");
        terminal.println("the platform keeps running: mlops status · mlops down");
        return report.failed() == 0 && !report.driftMissed() && autopilotOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * Step 6: traffic goes on in the drifted world, its feedback still the ground truth, and
     * autopilot handles the open alert: it retrains on the labelled predictions since the drift
     * began, so the challenger has seen the shifted features the champion never did, and the trial
     * judges both on the requests that follow. Returns whether autopilot finished and no prediction
     * failed.
     */
    private boolean runAutopilot(Terminal terminal, Table credit) throws InterruptedException {
        var settings = root.settings();
        terminal.println(terminal.bold("6. autopilot: traffic goes on in the drifted world; autopilot retrains on its labelled predictions"));
        TrafficSimulator traffic = new TrafficSimulator(settings.inferenceUrl(), root.actor(), MODEL, "applicant_id",
                credit, "class");
        SimulationReport[] during = new SimulationReport[1];
        Thread sender = new Thread(() -> {
            try {
                during[0] = traffic.run(new TrafficPlan(MODEL, TrafficPlan.parseRate(rate), Duration.ofMinutes(15),
                        Duration.ofSeconds(2), 1.0, null, List.of(), 8), () -> { }, p -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-autopilot-traffic");
        sender.setDaemon(true);
        sender.start();
        int code;
        try {
            code = MlopsCommand.commandLine(new MlopsCommand(root.env(), System.getProperties())).execute("autopilot",
                    "--once", "--model", MODEL, "--min-labels", String.valueOf(autopilotMinLabels), "--timeout", "5m");
        } finally {
            traffic.stop();
            sender.join(60_000);
        }
        SimulationReport r = during[0];
        if (r != null) {
            terminal.println(String.format("    during autopilot: %d predictions, %d failed, answers by version %s",
                    r.ok(), r.failed(), r.byVersion()));
        }
        return code == ExitCodes.OK && r != null && r.failed() == 0;
    }

    private static boolean isUp(ServiceClient service) {
        try {
            service.get("/q/health/ready");
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static void awaitServed(ServiceClient inference, int version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (inference.get("/v2/models/" + MODEL + "/versions/" + version + "/ready").path("ready").asBoolean()) {
                    return;
                }
            } catch (ApiException notYet) {
                // not loaded yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("inference did not load " + MODEL + " v" + version + " within " + timeout.toSeconds() + " s");
    }

    private static JsonNode awaitDriftAlert(ServiceClient monitor, Instant since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode alert : monitor.get("/api/v1/alerts?model=" + MODEL + "&from=" + since)) {
                if (!"performance".equals(alert.path("scope").asText())) {
                    return alert;
                }
            }
            Thread.sleep(2_000);
        }
        return null;
    }

    /** The promoted version's live metrics beside its training baseline and alert limit, one line per metric. */
    private static void printPerformance(Terminal terminal, ServiceClient monitor, int version) {
        JsonNode v;
        try {
            v = new MonitorApi(monitor).performance(MODEL, version);
        } catch (ApiException e) {
            terminal.println("    live performance: " + e.getMessage());
            return;
        }
        if (v.isMissingNode()) {
            terminal.println("    live performance: no labels for v" + version + " yet (GET /api/v1/performance/" + MODEL + ")");
            return;
        }
        terminal.println(String.format("    live performance of v%d from %d labels (GET %s):", version,
                v.path("labelCount").asInt(), "/api/v1/performance/" + MODEL));
        List<String> degraded = new ArrayList<>();
        v.path("degraded").forEach(m -> degraded.add(m.asText()));
        v.path("metrics").fields().forEachRemaining(metric -> {
            String name = metric.getKey();
            JsonNode baseline = v.path("baseline").path(name);
            JsonNode limit = v.path("limits").path(name);
            String line = String.format("      %-9s %.3f", name, metric.getValue().asDouble())
                    + (baseline.isNumber() ? String.format("   trained %.3f", baseline.asDouble()) : "")
                    + (limit.isNumber() ? String.format("   limit %.3f", limit.asDouble()) : "");
            terminal.println(degraded.contains(name) ? terminal.red(line + "   degraded") : line);
        });
    }
}
