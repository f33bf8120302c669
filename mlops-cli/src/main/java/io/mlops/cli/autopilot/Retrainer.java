package io.mlops.cli.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.cli.train.TrainingData;
import io.mlops.cli.train.TrainingOutcome;
import io.mlops.cli.train.TrainingPipeline;
import io.mlops.cli.train.TrainingRequest;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Trains a challenger on the original training set plus the labelled live predictions since the
 * alert's evidence began, with the champion's hyperparameters, and registers it like
 * {@code mlops train} does: data set version, run with params and metrics, version with lineage
 * and reference profile.
 */
public final class Retrainer {

    private final RegistryClient registry;
    private final FeatureStoreClient features;
    private final MonitorApi monitor;
    private final Report report;

    public Retrainer(RegistryClient registry, FeatureStoreClient features, MonitorApi monitor, Report report) {
        this.registry = registry;
        this.features = features;
        this.monitor = monitor;
        this.report = report;
    }

    /**
     * @param champion the champion's version JSON: its labels, params and feature view are reused
     * @param dataset the original training set (a built-in name or an ARFF path)
     * @param minRows fewest distinct labelled predictions (rows the retraining set does not hold yet)
     *                to retrain on; waits for them up to {@code timeout}
     */
    public TrainingOutcome retrain(String model, JsonNode champion, String dataset, String experiment, Instant since,
                                   int minRows, Duration timeout, Duration poll) throws InterruptedException {
        report.step("collecting labelled predictions of " + model + " since " + since);
        List<String> labels = new ArrayList<>();
        champion.path("labels").forEach(l -> labels.add(l.asText()));
        JsonNode params = champion.path("params");
        String labelColumn = params.path("label").asText(Datasets.isBuiltIn(dataset)
                ? Datasets.builtIn(dataset).labelColumn() : "class");
        String positiveLabel = champion.path("positiveLabel").asText();
        Table original = Datasets.load(dataset);
        String baseName = Datasets.isBuiltIn(dataset) ? dataset : original.name();
        // Counted as the retraining set will hold them: a repeated row adds nothing to learn from.
        List<LabelledRow> live = awaitRows(model, since, labels, minRows, timeout, poll,
                rows -> RetrainingSet.of(model + "-retraining", original, labelColumn, rows).size() - original.size());
        Table training = RetrainingSet.of(model + "-retraining", original, labelColumn, live);
        int added = training.size() - original.size();
        report.detail(live.size() + " labelled predictions (champion arm) from the drift monitor, " + added
                + " of them distinct rows");
        report.detail("original training set " + baseName + ": " + original.size() + " rows; retraining set "
                + training.size() + " rows, " + training.digest());

        JsonNode base = registry.registerDatasetVersion(baseName, original.digest(), original.size(),
                TrainingPipeline.schema(original), Datasets.isBuiltIn(dataset) ? "builtin:" + baseName : dataset,
                "Training data of " + model);
        Instant until = live.isEmpty() ? since : live.get(live.size() - 1).timestamp();
        JsonNode retraining = registry.registerDatasetVersion(training.name(), training.digest(), training.size(),
                TrainingPipeline.schema(training), baseName + "@" + base.path("version").asInt()
                        + " + drift-monitor:/api/v1/labelled/" + model + "?from=" + since + "&to=" + until,
                baseName + " v" + base.path("version").asInt() + " plus " + added
                        + " distinct labelled live predictions, retraining " + model);
        report.detail("registered data set " + training.name() + " version " + retraining.path("version").asInt());

        TrainingRequest request = new TrainingRequest(dataset, labelColumn, positiveLabel, experiment, model,
                view(champion), "entity", "key", 0, params.path("seed").asLong(42), params.path("epochs").asInt(15),
                params.path("learning_rate").asDouble(0.5), params.path("test_fraction").asDouble(0.2));
        TrainingData data = new TrainingData(training.name(), retraining.path("version").asInt(), training.digest(),
                List.of(Map.of("name", baseName, "version", base.path("version").asInt(), "context", "training"),
                        Map.of("name", training.name(), "version", retraining.path("version").asInt(),
                                "context", "training")));
        return new TrainingPipeline(registry, features, report).trainAndRegister(request, training, data);
    }

    private List<LabelledRow> awaitRows(String model, Instant since, List<String> labels, int minRows,
                                        Duration timeout, Duration poll, ToIntFunction<List<LabelledRow>> distinct)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<LabelledRow> live = RetrainingSet.usable(monitor.labelled(model, since), labels);
            int rows = distinct.applyAsInt(live);
            if (rows >= minRows) {
                return live;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("only " + rows + " distinct labelled predictions of " + model
                        + " since " + since + " (need " + minRows + ", --min-labels); nothing to retrain on");
            }
            report.waiting("waiting for labelled predictions: " + rows + "/" + minRows + " distinct rows");
            Thread.sleep(poll.toMillis());
        }
    }

    /** The feature view of the champion's columns: retraining keeps the same feature references. */
    static String view(JsonNode champion) {
        String ref = champion.path("featureRefs").path(0).asText();
        int colon = ref.indexOf(':');
        if (colon < 0) {
            throw new IllegalStateException("the champion has no featureRefs to retrain with");
        }
        String view = ref.substring(0, colon);
        int at = view.indexOf('@');
        return at < 0 ? view : view.substring(0, at);
    }
}
