package io.mlops.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.cli.client.RegistryClient;
import io.mlops.events.EventJson;
import io.mlops.ml.data.Column;
import io.mlops.ml.data.Datasets;
import io.mlops.ml.data.Table;
import io.mlops.ml.eval.BinaryMetrics;
import io.mlops.ml.eval.HeldOutEvaluation;
import io.mlops.ml.export.OnnxExport;
import io.mlops.ml.export.OnnxVerification;
import io.mlops.ml.profile.ReferenceProfiles;
import io.mlops.ml.train.BinaryLabels;
import io.mlops.ml.train.LogisticRegressionTraining;
import io.mlops.ml.train.TrainedModel;
import io.mlops.ml.train.TrainingConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop end to end: register the data set version, push its features, read the
 * training set back point-in-time correct, train, export to ONNX and prove the artifact predicts
 * what the model predicts, log the run, register the version with its lineage and profile.
 */
public final class TrainingPipeline {

    /** Exported and in-memory probabilities may differ by float rounding only. */
    static final double MAX_EXPORT_DIFFERENCE = 1e-4;

    private final RegistryClient registry;
    private final FeatureStoreClient features;
    private final Progress progress;

    /** Where the pipeline reports its steps. */
    public interface Progress {
        void step(String message);

        void detail(String message);
    }

    public TrainingPipeline(RegistryClient registry, FeatureStoreClient features, Progress progress) {
        this.registry = registry;
        this.features = features;
        this.progress = progress;
    }

    public TrainingOutcome run(TrainingRequest request) {
        progress.step("loading data set " + request.dataset());
        Table source = Datasets.load(request.dataset());
        String datasetName = Datasets.isBuiltIn(request.dataset()) ? request.dataset() : source.name();
        progress.detail(source.size() + " rows × " + source.columns().size() + " columns, " + source.digest());
        progress.detail("labels " + BinaryLabels.require(source, request.labelColumn(), request.positiveLabel()));

        JsonNode datasetVersion = registry.registerDatasetVersion(datasetName, source.digest(), source.size(),
                schema(source), Datasets.isBuiltIn(request.dataset()) ? "builtin:" + datasetName : request.dataset(),
                "Training data of " + request.model());
        progress.detail("registered as data set " + datasetName + " version " + datasetVersion.path("version").asInt());

        progress.step("pushing features to feature view " + request.view());
        features.ensureEntity(request.entity(), request.joinKey(), "INT64", "A row of " + datasetName);
        features.applyFeatureView(request.view(), List.of(request.entity()),
                FeaturePush.featureSpecs(source, request.labelColumn()), request.ttlSeconds(),
                "Features of " + datasetName);
        // Microseconds, what the store keeps: the point-in-time query below asks for exactly this
        // moment, so a row pushed by anyone even a microsecond later is not in the training set.
        Instant eventTime = Instant.now().truncatedTo(ChronoUnit.MICROS);
        FeaturePush.pushRows(features, request, source, eventTime,
                sent -> progress.detail("pushed " + sent + "/" + source.size() + " rows"));

        progress.step("building the training set with a point-in-time query");
        Table training = TrainingSetBuilder.fromHistorical(source, request.labelColumn(), request.view(),
                request.joinKey(), features.historical(featureRefs(request, source), entityRows(request, source,
                        eventTime)));

        return trainAndRegister(request, training, new TrainingData(datasetName, datasetVersion.path("version").asInt(),
                source.digest(), List.of(Map.of("name", datasetName, "version", datasetVersion.path("version").asInt(),
                        "context", "training"))));
    }

    /**
     * Trains on a table that is already built, checks the ONNX export, logs the run and registers
     * the version with its lineage and profile: the part of {@link #run} that retraining shares.
     */
    public TrainingOutcome trainAndRegister(TrainingRequest request, Table training, TrainingData data) {
        progress.step("training on " + training.size() + " rows");
        TrainingConfig config = new TrainingConfig(request.labelColumn(), request.positiveLabel(), request.seed(),
                request.testFraction(), request.epochs(), request.learningRate());
        TrainedModel trained = LogisticRegressionTraining.train(training, config);
        Map<String, Double> metrics = metrics(trained);
        progress.detail(String.format("test split: accuracy %.3f, AUC %s, log loss %.3f",
                metrics.get("accuracy"), metrics.containsKey("auc") ? String.format("%.3f", metrics.get("auc"))
                        : "undefined (one class in the test split)", metrics.get("log_loss")));

        progress.step("exporting to ONNX and checking it in ONNX Runtime");
        byte[] onnx = OnnxExport.toBytes(trained, 1);
        double difference = OnnxVerification.maxAbsoluteDifference(onnx, trained, trained.split().test());
        if (difference > MAX_EXPORT_DIFFERENCE) {
            throw new IllegalStateException("the ONNX artifact predicts differently from the trained model (max |Δp| "
                    + difference + "); refusing to register it");
        }
        progress.detail(String.format("ONNX Runtime = trained model on %d test rows (max |Δp| %.1e)",
                trained.split().test().size(), difference));

        progress.step("logging the run in experiment " + request.experiment());
        String experimentId = registry.ensureExperiment(request.experiment(), "Models predicting " + request.labelColumn());
        Map<String, String> params = params(request, trained);
        JsonNode run = registry.startRun(experimentId, request.model() + "-" + Instant.now().getEpochSecond(), params,
                Map.of("model", request.model()), data.runDatasets());
        String runId = run.path("id").asText();
        try {
            registry.logMetrics(runId, metrics);

            progress.step("registering a version of model " + request.model());
            registry.ensureModel(request.model(), "Predicts " + request.labelColumn() + " = "
                    + request.positiveLabel() + " from " + data.name());
            Map<String, Object> metadata = VersionMetadata.of(request, trained, runId, data.name(), data.version(),
                    data.digest(), metrics, params, ReferenceProfiles.of(trained, trained.split().train(), onnx));
            JsonNode version = registry.registerVersion(request.model(), onnx,
                    EventJson.mapper().writeValueAsBytes(metadata));
            registry.finishRun(runId, "FINISHED");
            return new TrainingOutcome(request.model(), version.path("version").asInt(),
                    version.path("sha256").asText(), runId, experimentId, data.digest(), data.version(),
                    metrics, difference);
        } catch (RuntimeException | java.io.IOException e) {
            registry.finishRun(runId, "FAILED");
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The column list the registry records with a data set version. */
    public static Map<String, Object> schema(Table table) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", column.name());
            spec.put("type", column.type().name());
            if (!column.categories().isEmpty()) {
                spec.put("categories", column.categories());
            }
            columns.add(spec);
        }
        return Map.of("columns", columns);
    }

    private static List<String> featureRefs(TrainingRequest request, Table table) {
        return FeaturePush.featureSpecs(table, request.labelColumn()).stream()
                .map(spec -> request.view() + ":" + spec.get("name"))
                .toList();
    }

    private static List<Map<String, Object>> entityRows(TrainingRequest request, Table table, Instant at) {
        List<Map<String, Object>> rows = new ArrayList<>(table.size());
        for (int r = 0; r < table.size(); r++) {
            rows.add(Map.of(request.joinKey(), EntityKeys.of(r), "event_timestamp", at.toString()));
        }
        return rows;
    }

    static Map<String, Double> metrics(TrainedModel trained) {
        BinaryMetrics m = HeldOutEvaluation.of(trained);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", m.accuracy());
        // Undefined when the test split holds one class only (a small or very unbalanced data set);
        // the registry takes finite metrics only, and a missing one is honest.
        if (Double.isFinite(m.auc())) {
            metrics.put("auc", m.auc());
        }
        metrics.put("log_loss", m.logLoss());
        metrics.put("test_rows", (double) m.count());
        return metrics;
    }

    private static Map<String, String> params(TrainingRequest request, TrainedModel trained) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algorithm", "logistic_regression");
        params.put("optimizer", "adagrad");
        params.put("learning_rate", String.valueOf(request.learningRate()));
        params.put("epochs", String.valueOf(request.epochs()));
        params.put("seed", String.valueOf(request.seed()));
        params.put("test_fraction", String.valueOf(request.testFraction()));
        params.put("label", request.labelColumn());
        params.put("positive_label", request.positiveLabel());
        params.put("input_columns", String.valueOf(trained.layout().width()));
        return params;
    }
}
