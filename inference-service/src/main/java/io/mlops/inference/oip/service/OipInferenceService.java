package io.mlops.inference.oip.service;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.common.error.PlatformException;
import io.mlops.events.inference.Arm;
import io.mlops.inference.config.LimitsConfig;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.metrics.Outcome;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.runtime.OutputReader;
import io.mlops.inference.model.runtime.OutputReader.Output;
import io.mlops.inference.oip.rest.InferResponse;
import io.mlops.inference.predictionlog.service.PendingPrediction;
import io.mlops.inference.predictionlog.service.PredictionLog;
import io.mlops.inference.support.Ids;
import io.mlops.inference.traffic.service.Routed;
import io.mlops.inference.traffic.service.Router;
import io.mlops.inference.traffic.service.ShadowRunner;
import io.mlops.inference.web.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open Inference Protocol inference: parse once, route by the deployment, check the tensors
 * against the session, run, answer; the shadow (if any) runs afterwards on its own pool, and each
 * arm's prediction goes to the log queue.
 */
@ApplicationScoped
public class OipInferenceService {

    private final InferRequestReader reader;
    private final Router router;
    private final ShadowRunner shadows;
    private final PredictionLog log;
    private final int maxBatch;

    public OipInferenceService(Router router, ShadowRunner shadows, PredictionLog log, LimitsConfig limits) {
        this.router = router;
        this.shadows = shadows;
        this.log = log;
        this.maxBatch = limits.maxBatchSize();
        this.reader = new InferRequestReader(limits.maxElements());
    }

    public InferResponse infer(String model, String version, byte[] body, Caller caller) throws IOException {
        long start = System.nanoTime();
        InferRequest request = reader.read(body);
        String predictionId = Ids.newId();
        Routed routed = version == null
                ? router.route(model, request.id() != null ? request.id() : predictionId)
                : router.routeVersion(model, version);
        LoadedModel primary = routed.primary();
        List<Output> outputs;
        long nanos;
        try {
            outputs = run(primary, request);
            nanos = System.nanoTime() - start;
            // Recorded while the reference is held: the last release may close the version and
            // remove its meters.
            primary.meters(routed.alias()).record(Outcome.OK, nanos);
        } catch (RuntimeException e) {
            primary.meters(routed.alias()).record(Outcome.of(e), System.nanoTime() - start);
            if (routed.shadow() != null) {
                routed.shadow().release();
            }
            throw e;
        } finally {
            routed.releasePrimary();
        }
        boolean shadowHandedOver = false;
        try {
            long held = OipRows.heldBytes(request.inputs(), outputs);
            log.log(new PendingPrediction(predictionId, request.id(), model, primary.version(), routed.alias(),
                    routed.arm(), () -> OipRows.of(primary, request.inputs(), outputs), nanos / 1e6, Instant.now(),
                    caller.actor(), caller.traceparent(), held));
            if (routed.shadow() != null) {
                shadowHandedOver = true;
                shadows.submit(routed.shadow(), shadow -> shadowRun(shadow, routed.shadowAlias(), request,
                        predictionId, model, caller), held);
            }
        } finally {
            // Whatever fails before the shadow is handed over must not keep its version from closing.
            if (routed.shadow() != null && !shadowHandedOver) {
                routed.shadow().release();
            }
        }
        return response(primary, request, predictionId, routed, outputs);
    }

    private List<Output> run(LoadedModel model, InferRequest request) {
        InputBinder.check(model.model(), model.signature(), request.inputs(), request.outputs(), maxBatch);
        Map<String, OnnxTensor> tensors = null;
        try {
            tensors = InputBinder.bind(OrtEnvironment.getEnvironment(), request.inputs());
            try (OrtSession.Result result = model.run(tensors, outputsToRun(model, request.outputs()))) {
                List<Output> outputs = new ArrayList<>(result.size());
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> entry : result) {
                    outputs.add(OutputReader.read(entry.getKey(), entry.getValue()));
                }
                return outputs;
            }
        } catch (OrtException e) {
            // The tensors passed every check against the signature, so this is the graph refusing the values.
            throw InferenceErrors.invalidInput("inputs", "Model '" + model.model() + "' v" + model.version()
                    + " rejected the input: " + firstLine(e.getMessage()));
        } finally {
            if (tensors != null) {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }

    /**
     * The outputs a client chose, plus the one the prediction log reads its score and label from:
     * choosing what comes back must not blind the drift monitor. Null runs them all.
     */
    private static Set<String> outputsToRun(LoadedModel model, List<String> requested) {
        if (requested == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>(requested);
        String scored = model.semantics().output();
        if (scored != null) {
            names.add(scored);
        }
        return names;
    }

    private void shadowRun(LoadedModel shadow, String alias, InferRequest request, String predictionId, String model,
                           Caller caller) {
        long start = System.nanoTime();
        List<Output> outputs;
        try {
            outputs = run(shadow, request);
        } catch (PlatformException e) {
            shadow.meters(alias).record(Outcome.of(e), System.nanoTime() - start);
            return;
        }
        long nanos = System.nanoTime() - start;
        shadow.meters(alias).record(Outcome.OK, nanos);
        log.log(new PendingPrediction(predictionId, request.id(), model, shadow.version(), alias, Arm.SHADOW,
                () -> OipRows.of(shadow, request.inputs(), outputs), nanos / 1e6, Instant.now(), caller.actor(),
                caller.traceparent(), OipRows.heldBytes(request.inputs(), outputs)));
    }

    private static InferResponse response(LoadedModel model, InferRequest request, String predictionId, Routed routed,
                                          List<Output> outputs) {
        List<InferResponse.Tensor> tensors = new ArrayList<>(outputs.size());
        for (Output o : outputs) {
            if (request.outputs() == null || request.outputs().contains(o.name())) {
                tensors.add(new InferResponse.Tensor(o.name(), o.datatype().name(), o.shape(), o.data()));
            }
        }
        return new InferResponse(model.model(), Integer.toString(model.version()),
                request.id() != null ? request.id() : predictionId,
                Map.of("prediction_id", predictionId, "alias", routed.alias(), "arm", routed.arm().wireName()),
                tensors);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
