package io.mlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.ApiException;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.client.ServiceClient;
import io.mlops.cli.simulate.TrafficPlan;
import io.mlops.cli.train.TrainingOutcome;
import io.mlops.cli.train.TrainingPipeline;
import io.mlops.cli.train.TrainingRequest;
import io.mlops.ml.data.Datasets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlops train}: trains a model on a data set through the feature store and registers it. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
                "Trains a classifier on a data set and registers it as a new model version.",
                "Registers the data set version, pushes its features to the feature store, reads the training set",
                "back with a point-in-time query, trains a logistic regression, exports it to ONNX, checks ONNX",
                "Runtime predicts what the model predicts, logs a run and registers the version with its profile.",
                "With --promote, then points an alias at the new version (the same gate as `mlops promote`);",
                "with --skip-if-promoted as well, does nothing when that alias is already set (the Kubernetes",
                "trainer Job runs `train --wait 10m --promote champion --skip-if-promoted`)."})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--dataset", defaultValue = "credit-g",
            description = "A built-in data set (credit-g) or an ARFF file (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--label", description = "The column to predict (default for credit-g: class).")
    String label;

    @Option(names = "--positive-label", description = "The label whose probability is the score (credit-g: bad).")
    String positiveLabel;

    @Option(names = "--experiment", defaultValue = "credit-risk", description = "Experiment to log the run in (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Option(names = "--model", defaultValue = "credit-risk", description = "Model to register a version of (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--view", defaultValue = "credit-applicants", description = "Feature view for the data set's features (default: ${DEFAULT-VALUE}).")
    String view;

    @Option(names = "--entity", defaultValue = "applicant", description = "Entity a row describes (default: ${DEFAULT-VALUE}).")
    String entity;

    @Option(names = "--join-key", defaultValue = "applicant_id", description = "The entity's key column (default: ${DEFAULT-VALUE}).")
    String joinKey;

    @Option(names = "--ttl-days", defaultValue = "90", description = "How long a feature value stays fresh online (default: ${DEFAULT-VALUE}).")
    long ttlDays;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the optimiser (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", defaultValue = "15", description = "SGD epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.5", description = "AdaGrad learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Rows held out for evaluation (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--wait", paramLabel = "DURATION",
            description = "Wait up to this long for the registry and the feature store to be ready (e.g. 5m; default: no wait).")
    String waitFor;

    @Option(names = "--promote", paramLabel = "ALIAS",
            description = "Point this alias (e.g. champion) at the new version, unless the promotion gate refuses.")
    String promoteTo;

    @Option(names = "--skip-if-promoted",
            description = "With --promote: do nothing when the model already has that alias, so a re-run changes nothing.")
    boolean skipIfPromoted;

    @Override
    public Integer call() throws InterruptedException {
        Terminal terminal = root.terminal();
        if (skipIfPromoted && promoteTo == null) {
            terminal.error("--skip-if-promoted needs --promote <alias>");
            return ExitCodes.USAGE;
        }
        if (label == null || positiveLabel == null) {
            if (!Datasets.isBuiltIn(dataset)) {
                terminal.error("--label and --positive-label are required for a data set that is not built in");
                return ExitCodes.USAGE;
            }
            label = label == null ? Datasets.builtIn(dataset).labelColumn() : label;
            positiveLabel = positiveLabel == null ? Datasets.builtIn(dataset).positiveLabel() : positiveLabel;
        }
        String actor = root.actor();
        var settings = root.settings();
        RegistryClient registry = new RegistryClient(settings.registryUrl(), actor);
        if (waitFor != null && !awaitReady(terminal, TrafficPlan.parseDuration(waitFor), List.of(
                new ServiceClient("model-registry", settings.registryUrl(), actor),
                new ServiceClient("feature-store", settings.featureStoreUrl(), actor)))) {
            return ExitCodes.FAILURE;
        }
        if (skipIfPromoted) {
            Optional<Integer> promoted = aliasVersion(registry, model, promoteTo);
            if (promoted.isPresent()) {
                terminal.println(promoteTo + " of " + model + " is version " + promoted.get()
                        + " already: nothing to train (--skip-if-promoted)");
                return ExitCodes.OK;
            }
        }
        TrainingPipeline pipeline = new TrainingPipeline(
                registry,
                new FeatureStoreClient(settings.featureStoreUrl(), actor),
                new TerminalProgress(terminal));
        TrainingOutcome outcome = pipeline.run(new TrainingRequest(dataset, label, positiveLabel, experiment, model,
                view, entity, joinKey, ttlDays * 86_400, seed, epochs, learningRate, testFraction));
        terminal.println("");
        terminal.println(terminal.green("registered " + outcome.model() + " version " + outcome.version()));
        terminal.println("  accuracy " + outcome.shown("accuracy") + " · AUC " + outcome.shown("auc") + " · log loss "
                + outcome.shown("log_loss") + " (held-out rows)");
        terminal.println("  artifact sha256 " + outcome.sha256());
        terminal.println("  run " + outcome.runId() + " in experiment " + experiment);
        terminal.println("  data set " + dataset + " v" + outcome.datasetVersion() + " (" + outcome.datasetDigest() + ")");
        if (promoteTo == null) {
            terminal.println("next: mlops promote " + outcome.model() + " " + outcome.version() + " champion");
            return ExitCodes.OK;
        }
        return PromoteCommand.promote(terminal, registry, outcome.model(), outcome.version(), promoteTo, "auc", false);
    }

    /** The version an alias of the model points at; empty when the alias or the model does not exist yet. */
    static Optional<Integer> aliasVersion(RegistryClient registry, String model, String alias) {
        try {
            JsonNode holder = registry.get("/api/v1/models/" + RegistryClient.encode(model) + "@"
                    + RegistryClient.encode(alias));
            return Optional.of(holder.path("version").asInt());
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Polls each service's {@code /q/health/ready} until all answer UP or the time is up; in a
     * cluster the trainer starts together with the services it needs.
     */
    static boolean awaitReady(Terminal terminal, Duration timeout, List<ServiceClient> services)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waiting = new ArrayList<>();
        long lastReport = 0;
        while (true) {
            waiting.clear();
            String reason = "";
            for (ServiceClient service : services) {
                try {
                    service.get("/q/health/ready");
                } catch (ApiException e) {
                    waiting.add(service.name());
                    reason = e.getMessage();
                }
            }
            if (waiting.isEmpty()) {
                terminal.println("ready: " + String.join(", ", services.stream().map(ServiceClient::name).toList()));
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                terminal.error("not ready after " + timeout.toSeconds() + " s: " + String.join(", ", waiting)
                        + " (" + reason + ")");
                return false;
            }
            if (lastReport == 0 || now - lastReport >= Duration.ofSeconds(10).toNanos()) {
                terminal.println("waiting for " + String.join(", ", waiting));
                lastReport = now;
            }
            Thread.sleep(Math.min(2_000, Math.max(1, (deadline - now) / 1_000_000)));
        }
    }

    /** Steps as bold lines, details indented, so a long run reads as a list of what happened. */
    record TerminalProgress(Terminal terminal) implements TrainingPipeline.Progress {
        @Override
        public void step(String message) {
            terminal.println(terminal.bold("▸ " + message));
        }

        @Override
        public void detail(String message) {
            terminal.println("    " + message);
        }
    }
}
