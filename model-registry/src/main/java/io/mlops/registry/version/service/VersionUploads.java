package io.mlops.registry.version.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.registry.Signature;
import io.mlops.registry.artifact.ArtifactStore;
import io.mlops.registry.artifact.ArtifactTooLargeException;
import io.mlops.registry.artifact.StoredArtifact;
import io.mlops.registry.config.Limits;
import io.mlops.registry.dataset.repository.DatasetRepository;
import io.mlops.registry.model.repository.ModelRepository;
import io.mlops.registry.model.service.ModelService;
import io.mlops.registry.version.repository.VersionRow;
import io.mlops.registry.tracking.run.repository.RunRepository;
import io.mlops.registry.tracking.run.service.RunService;
import io.mlops.registry.version.onnx.OnnxInspector;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Registers an uploaded version: checks the metadata, streams the artifact into the store while
 * hashing it, opens it with ONNX Runtime, checks the signature, and only then numbers and records
 * it in one transaction with its event. Any failure removes the stored file, so a refused upload
 * leaves nothing behind.
 */
@ApplicationScoped
public class VersionUploads {

    private final MetadataReader reader;
    private final MetadataRules metadataRules;
    private final SignatureRules signatureRules;
    private final OnnxInspector inspector;
    private final ArtifactStore store;
    private final VersionService versions;
    private final ModelRepository models;
    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final Limits limits;

    public VersionUploads(MetadataReader reader, MetadataRules metadataRules, SignatureRules signatureRules,
                          OnnxInspector inspector, ArtifactStore store, VersionService versions, ModelRepository models,
                          RunRepository runs, DatasetRepository datasets, Limits limits) {
        this.reader = reader;
        this.metadataRules = metadataRules;
        this.signatureRules = signatureRules;
        this.inspector = inspector;
        this.store = store;
        this.versions = versions;
        this.models = models;
        this.runs = runs;
        this.datasets = datasets;
        this.limits = limits;
    }

    /** The two parts of an upload as the REST layer received them. */
    public interface Upload {
        /** Bytes of the artifact part, or -1 if unknown. */
        long artifactSize() throws IOException;

        InputStream artifact() throws IOException;

        /** Bytes of the metadata part. */
        long metadataSize() throws IOException;

        InputStream metadata() throws IOException;
    }

    /** Registers an upload; the new version's row, whose revision its ETag carries. */
    public VersionRow register(String model, Upload upload) throws IOException {
        if (upload.metadataSize() > limits.maxMetadataBytes()) {
            throw new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, "The metadata part is larger than the limit of "
                    + io.mlops.common.config.ByteSizes.describe(limits.maxMetadataBytes()),
                    List.of(new FieldError("metadata", "exceeds " + limits.maxMetadataBytes() + " bytes")));
        }
        UploadMetadata metadata;
        try (InputStream json = upload.metadata()) {
            metadata = reader.read(json);
        }
        metadataRules.check(metadata);
        if (models.find(model).isEmpty()) {
            throw ModelService.notFound(model);
        }
        UUID runId = resolveRun(metadata.runId());
        Long datasetVersionId = resolveTrainingData(metadata.trainingData());
        long max = limits.maxArtifactBytes();
        long declaredSize = upload.artifactSize();
        if (declaredSize > max) {
            throw new ArtifactTooLargeException(max);
        }
        if (declaredSize == 0) {
            throw new PlatformException(ErrorCode.INVALID_ARTIFACT, "The artifact part is empty",
                    List.of(new FieldError("artifact", "empty")));
        }
        String key = model + "/" + UUID.randomUUID() + ".onnx";
        StoredArtifact stored;
        try (InputStream in = upload.artifact()) {
            stored = store.put(key, in, max);
        }
        Signature signature;
        try {
            signature = inspector.inspect(store.localPath(key));
            signatureRules.check(metadata, signature);
        } catch (RuntimeException | Error e) {
            discard(key);
            throw e;
        }
        // From here the transaction owns the file: removed if it rolls back, kept if it commits or
        // if its outcome is unknown (a committed version must never lose its artifact).
        return versions.register(new VersionService.Inspected(model, key, stored.sha256(), stored.sizeBytes(),
                metadata, signature, runId, datasetVersionId));
    }

    private UUID resolveRun(String runId) {
        if (runId == null) {
            return null;
        }
        UUID id = RunService.parseId(runId);
        if (!runs.exists(id)) {
            throw RunService.notFound(runId);
        }
        return id;
    }

    private Long resolveTrainingData(UploadMetadata.TrainingDataRef ref) {
        if (ref == null) {
            return null;
        }
        return datasets.versionId(ref.name(), ref.version(), ref.digest()).orElseThrow(() ->
                PlatformException.validation("trainingData names no registered dataset version",
                        List.of(new FieldError("trainingData", "dataset '" + ref.name() + "' has no version"
                                + (ref.version() != null ? " " + ref.version() : "")
                                + (ref.digest() != null ? " with digest " + ref.digest() : "")
                                + "; register it with POST /api/v1/datasets/" + ref.name() + "/versions"))));
    }

    private void discard(String key) {
        store.deleteQuietly(key, "a refused upload");
    }
}
