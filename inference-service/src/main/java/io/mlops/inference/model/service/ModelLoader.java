package io.mlops.inference.model.service;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.TensorSpec;
import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.model.runtime.FeatureLayout;
import io.mlops.inference.model.runtime.Imputation;
import io.mlops.inference.model.runtime.InputTensors;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.runtime.ModelSignature;
import io.mlops.inference.model.runtime.OutputSemantics;
import io.mlops.inference.registry.client.RegistryClient;
import io.mlops.inference.registry.client.RegistryUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Turns a registry version into a {@link LoadedModel}: verified artifact on local disk, an ONNX
 * Runtime session, its real signature, and a few warm-up runs so that the first request after a
 * swap is as fast as any other.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final ArtifactCache artifacts;
    private final RegistryClient registry;
    private final ModelsConfig config;
    private final InferenceMetrics metrics;
    /** Closing a session can take a while; never on the request thread that released it last. */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-closer");
        t.setDaemon(true);
        return t;
    });

    public ModelLoader(ArtifactCache artifacts, RegistryClient registry, ModelsConfig config, InferenceMetrics metrics) {
        this.artifacts = artifacts;
        this.registry = registry;
        this.config = config;
        this.metrics = metrics;
    }

    public LoadedModel load(ModelVersion version) throws LoadFailure {
        Path file = artifacts.fetch(version);
        // Asked before the session exists, like the artifact: a registry that fails here fails the
        // load, which is retried, instead of leaving the version without imputation until reloaded.
        Imputation imputation = imputation(version);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        ModelSignature signature;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(config.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new LoadFailure(LoadFailure.Reason.UNLOADABLE, "ONNX Runtime cannot load " + version.name() + " v"
                    + version.version() + ": " + firstLine(e.getMessage()), e);
        }
        FeatureLayout layout;
        OutputSemantics semantics;
        try {
            signature = ModelSignature.of(session);
            warmUp(env, session, signature.inputs());
            layout = FeatureLayout.of(version, signature);
            semantics = OutputSemantics.of(version, signature);
        } catch (OrtException | RuntimeException e) {
            // The session is native memory: whatever fails after it exists must close it.
            closeQuietly(session);
            throw new LoadFailure(LoadFailure.Reason.UNLOADABLE, version.name() + " v" + version.version()
                    + " loads but cannot run: " + firstLine(e.getMessage()), e);
        }
        if (!layout.usable()) {
            LOG.infof("%s v%d serves the Open Inference Protocol only: %s", version.name(), version.version(),
                    layout.problem());
        }
        return new LoadedModel(version, session, signature, layout, semantics, imputation, metrics, this::closeLater);
    }

    private void warmUp(OrtEnvironment env, OrtSession session, List<TensorSpec> inputs) throws OrtException {
        for (int run = 0; run < config.warmupRuns(); run++) {
            Map<String, OnnxTensor> tensors = new HashMap<>();
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    TensorSpec spec = inputs.get(i);
                    long[] shape = spec.shape().stream().mapToLong(d -> d < 0 ? 1 : d).toArray();
                    int elements = 1;
                    for (long d : shape) {
                        elements = Math.multiplyExact(elements, (int) d);
                    }
                    tensors.put(spec.name(), InputTensors.create(env, i, spec.datatype(), shape,
                            InputTensors.zeros(spec.datatype(), elements)));
                }
                session.run(tensors).close();
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** The reference profile's means; a version without one still serves (imputing a number then fails). */
    private Imputation imputation(ModelVersion version) throws LoadFailure {
        try {
            return registry.referenceProfile(version.name(), version.version())
                    .map(Imputation::fromProfile).orElse(Imputation.NONE);
        } catch (RegistryUnavailableException e) {
            throw new LoadFailure(LoadFailure.Reason.REGISTRY_UNAVAILABLE, "no reference profile for " + version.name()
                    + " v" + version.version() + ": " + e.getMessage(), e);
        }
    }

    private void closeLater(LoadedModel model) {
        closer.execute(() -> {
            model.closeSession();
            LOG.debugf("Closed the session of %s", model);
        });
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // already failing; the load error is what matters
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
