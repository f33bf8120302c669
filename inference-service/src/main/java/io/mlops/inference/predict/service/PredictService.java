package io.mlops.inference.predict.service;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.inference.Arm;
import io.mlops.events.inference.PredictionRow;
import io.mlops.inference.config.PredictConfig;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.features.service.FeatureValue;
import io.mlops.inference.features.service.OnlineFeatures;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.metrics.Outcome;
import io.mlops.inference.model.runtime.FeatureLayout;
import io.mlops.inference.model.runtime.InputTensors;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.runtime.OutputReader;
import io.mlops.inference.model.runtime.OutputReader.Output;
import io.mlops.inference.web.Caller;
import io.mlops.inference.predict.rest.PredictRequest;
import io.mlops.inference.predict.rest.PredictResponse;
import io.mlops.inference.predictionlog.service.PendingPrediction;
import io.mlops.inference.predictionlog.service.PredictionLog;
import io.mlops.inference.support.Ids;
import io.mlops.inference.traffic.service.Routed;
import io.mlops.inference.traffic.service.Router;
import io.mlops.inference.traffic.service.ShadowRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The feature-joined predict API: one online-feature lookup for every feature the answering (and
 * shadowing) versions need, overrides applied, the missing-feature policy enforced, the row
 * encoded in the version's column order, run, and read as label and score.
 */
@ApplicationScoped
public class PredictService {

    private static final int MAX_REQUEST_ID = 200;
    /** A logged row's memory while it waits, estimated: the row itself, and each feature's entry. */
    private static final long ROW_BYTES = 512;
    private static final long FEATURE_BYTES = 96;

    private final Router router;
    private final OnlineFeatures onlineFeatures;
    private final ShadowRunner shadows;
    private final PredictionLog log;
    private final MissingFeaturePolicy defaultPolicy;
    private final InferenceMetrics metrics;

    public PredictService(Router router, OnlineFeatures onlineFeatures, ShadowRunner shadows, PredictionLog log,
                          PredictConfig config, InferenceMetrics metrics) {
        this.router = router;
        this.onlineFeatures = onlineFeatures;
        this.shadows = shadows;
        this.log = log;
        this.defaultPolicy = config.missingFeatures();
        this.metrics = metrics;
    }

    /** One version's answer before it becomes a response or a log entry. */
    private record Answer(ResolvedRow row, Prediction prediction, long nanos) {
    }

    /**
     * Routes, fetches the features without blocking a thread, runs the model and logs the answer.
     * The primary version stays referenced until the answer is built, whichever way it ends; the
     * shadow's reference goes to its run, or is given back if the request fails or is cancelled.
     * Nothing about the shadow changes the answer: overrides are checked against the primary, and
     * a lookup the store refuses because of the shadow's features is asked again without them.
     */
    public Uni<PredictResponse> predict(String model, PredictRequest request, Caller caller) {
        long start = System.nanoTime();
        Map<String, Object> overrides = request == null || request.features() == null ? Map.of() : request.features();
        Map<String, Object> entities = request == null || request.entities() == null ? Map.of() : request.entities();
        String requestId = request == null ? null : request.requestId();
        if (requestId != null && (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID)) {
            throw PlatformException.validation("requestId must be 1 to " + MAX_REQUEST_ID + " characters",
                    List.of(new FieldError("requestId", "1 to " + MAX_REQUEST_ID + " characters")));
        }
        String predictionId = Ids.newId();
        Routed routed = router.route(model, requestId != null ? requestId : predictionId);
        LoadedModel primary = routed.primary();
        PendingShadow shadow = new PendingShadow(routed.shadow());
        MissingFeaturePolicy policy = routed.deployment().missingFeatures() != null
                ? routed.deployment().missingFeatures() : defaultPolicy;
        Uni<Map<String, FeatureValue>> fetching;
        try {
            requireLayout(primary);
            checkOverrides(overrides, primary);
            fetching = fetch(entities, overrides, primary, shadow, caller.traceparent());
        } catch (RuntimeException e) {
            failed(routed, start, e);
            shadow.release();
            routed.releasePrimary();
            throw e;
        }
        return fetching
                .map(fetched -> answer(model, routed, shadow, overrides, fetched, policy, start, predictionId, requestId,
                        caller))
                .onFailure().invoke(e -> failed(routed, start, e))
                .onTermination().invoke(() -> {
                    shadow.release();
                    routed.releasePrimary();
                });
    }

    private PredictResponse answer(String model, Routed routed, PendingShadow pendingShadow, Map<String, Object> overrides,
                                   Map<String, FeatureValue> fetched, MissingFeaturePolicy policy, long start,
                                   String predictionId, String requestId, Caller caller) {
        LoadedModel primary = routed.primary();
        ResolvedRow row = FeatureResolver.resolve(primary.layout(), overrides, fetched, policy, primary.imputation(),
                model);
        Answer answer = new Answer(row, run(primary, row), System.nanoTime() - start);
        primary.meters(routed.alias()).record(Outcome.OK, answer.nanos());
        logAnswer(predictionId, requestId, primary, routed.alias(), routed.arm(), answer, caller);
        LoadedModel shadowVersion = pendingShadow.take();
        if (shadowVersion != null) {
            shadows.submit(shadowVersion, shadow -> shadowRun(shadow, routed.shadowAlias(), overrides, fetched,
                    policy, predictionId, requestId, caller), ROW_BYTES + FEATURE_BYTES * row.features().size());
        }
        Prediction p = answer.prediction();
        return new PredictResponse(predictionId, requestId, model, primary.version(), routed.alias(),
                routed.arm().wireName(), p.label(), p.score(), p.probabilities(), p.outputs(), row.features(),
                row.timestamps(), row.imputed().isEmpty() ? null : row.imputed());
    }

    private static void failed(Routed routed, long start, Throwable e) {
        routed.primary().meters(routed.alias()).record(Outcome.of(e), System.nanoTime() - start);
    }

    private void shadowRun(LoadedModel shadow, String alias, Map<String, Object> overrides,
                           Map<String, FeatureValue> fetched, MissingFeaturePolicy policy, String predictionId,
                           String requestId, Caller caller) {
        if (!shadow.layout().usable()) {
            return;
        }
        long start = System.nanoTime();
        try {
            ResolvedRow row = FeatureResolver.resolve(shadow.layout(), overrides, fetched, policy, shadow.imputation(),
                    shadow.model());
            Answer answer = new Answer(row, run(shadow, row), System.nanoTime() - start);
            shadow.meters(alias).record(Outcome.OK, answer.nanos());
            logAnswer(predictionId, requestId, shadow, alias, Arm.SHADOW, answer, caller);
        } catch (RuntimeException e) {
            shadow.meters(alias).record(Outcome.of(e), System.nanoTime() - start);
        }
    }

    private Uni<Map<String, FeatureValue>> fetch(Map<String, Object> entities, Map<String, Object> overrides,
                                                 LoadedModel primary, PendingShadow shadow, String traceparent) {
        Set<String> refs = new LinkedHashSet<>();
        addMissing(refs, primary.layout(), overrides);
        if (refs.isEmpty()) {
            // The shadow runs on what the primary's lookup brings; it never adds a call of its own.
            return Uni.createFrom().item(Map.of());
        }
        if (entities.isEmpty()) {
            throw PlatformException.validation("entities is required to look up " + refs.size() + " feature(s)",
                    List.of(new FieldError("entities", "e.g. {\"customer_id\": 1001}")));
        }
        for (Map.Entry<String, Object> e : entities.entrySet()) {
            if (!(e.getValue() instanceof Number || e.getValue() instanceof String)) {
                throw PlatformException.validation("Entity key '" + e.getKey() + "' must be a number or a string",
                        List.of(new FieldError("entities." + e.getKey(), "must be a number or a string")));
            }
        }
        List<String> primaryRefs = new ArrayList<>(refs);
        LoadedModel shadowVersion = shadow.peek();
        if (shadowVersion != null && shadowVersion.layout().usable()) {
            addMissing(refs, shadowVersion.layout(), overrides);
        }
        if (refs.size() == primaryRefs.size()) {
            return onlineFeatures.fetch(primaryRefs, entities, traceparent);
        }
        return onlineFeatures.fetch(new ArrayList<>(refs), entities, traceparent)
                .onFailure(OnlineFeatures::refused).recoverWithUni(refused ->
                        // Perhaps only the shadow's features made the lookup wrong (a view the store
                        // lacks, a feature answering under the same name as one of the primary's, a
                        // join key this request does not carry): asked again without them, the answer
                        // is what it would be with no shadow, and if that works the shadow is skipped
                        // for this request.
                        onlineFeatures.fetch(primaryRefs, entities, traceparent).invoke(ok -> shadow.skip(metrics)));
    }

    private Prediction run(LoadedModel model, ResolvedRow row) {
        FeatureLayout layout = model.layout();
        Object vector = FeatureEncoder.encode(layout, row.features());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = InputTensors.create(env, 0, layout.datatype(), new long[] {1, layout.width()}, vector);
             OrtSession.Result result = model.run(Map.of(layout.inputName(), input), null)) {
            List<Output> outputs = new ArrayList<>(result.size());
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> entry : result) {
                outputs.add(OutputReader.read(entry.getKey(), entry.getValue()));
            }
            return Prediction.of(model.semantics(), outputs);
        } catch (OrtException e) {
            throw InferenceErrors.invalidInput("features", "Model '" + model.model() + "' v" + model.version()
                    + " rejected the features: " + e.getMessage());
        }
    }

    private void logAnswer(String predictionId, String requestId, LoadedModel model, String alias, Arm arm,
                           Answer answer, Caller caller) {
        Prediction p = answer.prediction();
        ResolvedRow row = answer.row();
        PredictionRow logged = new PredictionRow(observed(row), p.outputs(), p.label(), p.score(),
                row.timestamps().isEmpty() ? null : row.timestamps());
        log.log(new PendingPrediction(predictionId, requestId, model.model(), model.version(), alias, arm,
                () -> List.of(logged), answer.nanos() / 1e6, Instant.now(), caller.actor(), caller.traceparent(),
                ROW_BYTES + FEATURE_BYTES * row.features().size()));
    }

    /**
     * The features as observed: an imputed one is logged as missing (null), so the drift monitor
     * counts it in the missing rate instead of seeing a spike at the training mean, and a
     * retraining set built from the log does not learn the stand-in as data.
     */
    private static Map<String, Object> observed(ResolvedRow row) {
        if (row.imputed().isEmpty()) {
            return row.features();
        }
        Map<String, Object> observed = new LinkedHashMap<>(row.features());
        row.imputed().forEach(name -> observed.put(name, null));
        return observed;
    }

    private static void requireLayout(LoadedModel model) {
        if (!model.layout().usable()) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "Version " + model.version() + " of '"
                    + model.model() + "' cannot serve feature-joined predictions (" + model.layout().problem()
                    + "); send tensors to /v2/models/" + model.model() + "/infer instead");
        }
    }

    private static void checkOverrides(Map<String, Object> overrides, LoadedModel primary) {
        for (String name : overrides.keySet()) {
            if (!knows(primary.layout(), name)) {
                throw PlatformException.validation("'" + name + "' is not a feature of model '" + primary.model() + "'",
                        List.of(new FieldError("features." + name, "not a feature of version " + primary.version()
                                + "; its features are " + primary.layout().features().stream()
                                .map(FeatureLayout.Feature::name).toList())));
            }
        }
    }

    private static boolean knows(FeatureLayout layout, String name) {
        for (FeatureLayout.Feature f : layout.features()) {
            if (f.name().equals(name) || f.ref().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void addMissing(Set<String> refs, FeatureLayout layout, Map<String, Object> overrides) {
        for (FeatureLayout.Feature f : layout.features()) {
            if (FeatureResolver.override(overrides, f) == null) {
                refs.add(f.ref());
            }
        }
    }
}
