package io.mlops.inference.model.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.events.registry.ModelVersion;
import io.mlops.events.registry.TensorSpec;
import io.mlops.inference.metrics.InferenceMetrics;
import io.mlops.inference.metrics.RequestMeters;
import io.mlops.inference.metrics.VersionMeters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One model version ready to serve: its ONNX Runtime session, its real signature and what the
 * registry says about it. Immutable apart from its reference count.
 *
 * <p>Each alias slot holding it and each request running on it holds a reference; the session is
 * closed when the last one is released. That is what lets a swap replace the version under a
 * slot at once while requests already running finish on the old session.
 */
public final class LoadedModel {

    private final ModelVersion metadata;
    private final OrtSession session;
    private final ModelSignature signature;
    private final FeatureLayout layout;
    private final OutputSemantics semantics;
    private final Imputation imputation;
    private final Instant loadedAt;
    private final InferenceMetrics metrics;
    private final Consumer<LoadedModel> closer;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile boolean closed;
    private final VersionMeters meters;

    /**
     * @param closer closes the session once unused; runs on whichever thread releases last, so
     *     it should hand the work off rather than close inline on a request thread
     */
    public LoadedModel(ModelVersion metadata, OrtSession session, ModelSignature signature, FeatureLayout layout,
                       OutputSemantics semantics, Imputation imputation, InferenceMetrics metrics,
                       Consumer<LoadedModel> closer) {
        this.metadata = metadata;
        this.session = session;
        this.signature = signature;
        this.layout = layout;
        this.semantics = semantics;
        this.imputation = imputation;
        this.metrics = metrics;
        this.closer = closer;
        this.loadedAt = Instant.now();
        this.meters = metrics.acquireVersionMeters(metadata.name(), metadata.version());
    }

    public String model() {
        return metadata.name();
    }

    public int version() {
        return metadata.version();
    }

    public ModelVersion metadata() {
        return metadata;
    }

    public ModelSignature signature() {
        return signature;
    }

    /** How registry features map onto the input columns; {@link FeatureLayout#usable()} false if they do not. */
    public FeatureLayout layout() {
        return layout;
    }

    public OutputSemantics semantics() {
        return semantics;
    }

    public Imputation imputation() {
        return imputation;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public List<TensorSpec> inputs() {
        return signature.inputs();
    }

    public List<TensorSpec> outputs() {
        return signature.outputs();
    }

    /** Runs the session; the caller closes the result. Thread-safe, as ONNX Runtime sessions are. */
    public OrtSession.Result run(Map<String, OnnxTensor> inputs, Set<String> outputs) throws OrtException {
        long start = System.nanoTime();
        try {
            return outputs == null ? session.run(inputs) : session.run(inputs, outputs);
        } finally {
            meters.runTimer().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Request meters for this version served under {@code alias}, created on first use. */
    public RequestMeters meters(String alias) {
        return meters.forAlias(alias);
    }

    /** Takes a reference; false once the model is closing, in which case the caller must look again. */
    public boolean retain() {
        for (;;) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the session. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            closer.accept(this);
        }
    }

    /** References held right now (slots plus running requests); for tests and diagnostics. */
    public int references() {
        return Math.max(0, references.get());
    }

    /** Closes the session; only the closer calls this, after the last release. */
    public void closeSession() {
        if (closed) {
            return;
        }
        // Meters first: whoever sees closed() may rely on them being gone.
        metrics.releaseVersionMeters(meters);
        closed = true;
        try {
            session.close();
        } catch (OrtException | RuntimeException e) {
            // Nothing can use it any more; a failed native free only leaks.
        }
    }

    /** Whether the session was closed; for tests and diagnostics. */
    public boolean closed() {
        return closed;
    }

    @Override
    public String toString() {
        return model() + " v" + version();
    }
}
