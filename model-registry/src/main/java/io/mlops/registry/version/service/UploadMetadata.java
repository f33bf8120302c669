package io.mlops.registry.version.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.registry.Encoding;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.Task;
import java.util.List;
import java.util.Map;

/**
 * The {@code metadata} part of a version upload. {@code signature} is optional: when given it must
 * equal what ONNX Runtime reads from the artifact. The reference profile is stored apart and
 * served at {@code .../reference-profile}.
 */
public record UploadMetadata(
        String description,
        Map<String, String> tags,
        String runId,
        Task task,
        List<String> labels,
        String positiveLabel,
        Signature signature,
        List<String> featureRefs,
        List<Encoding> encodings,
        Map<String, Double> metrics,
        Map<String, String> params,
        TrainingDataRef trainingData,
        JsonNode referenceProfile) {

    public UploadMetadata {
        tags = tags == null ? Map.of() : tags;
        labels = labels == null ? List.of() : labels;
        featureRefs = featureRefs == null ? List.of() : featureRefs;
        encodings = encodings == null ? List.of() : encodings;
        metrics = metrics == null ? Map.of() : metrics;
        params = params == null ? Map.of() : params;
    }

    /**
     * The registered dataset version a model was trained on: by {@code version}, or by
     * {@code digest} (the version holding that content). Both may be given; they must agree.
     */
    public record TrainingDataRef(String name, Integer version, String digest) {
    }
}
