package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The registry's version JSON, the {@code data} of {@code model-version.created} and
 * {@code model-version.updated}. It leaves out the reference profile, which can hold sketches and
 * samples far larger than an event should; consumers fetch it from the registry when they need it.
 *
 * @param version the integer the registry assigned, from 1
 * @param sha256 hex digest of the ONNX artifact; loaders check it after download
 * @param aliases the aliases pointing at this version
 * @param labels classification labels in the order of the model's probability output
 * @param positiveLabel the label whose probability is {@code score} for binary classification
 * @param featureRefs {@code view:feature} or {@code view@3:feature}, in the model's column order
 * @param encodings how each STRING feature of {@code featureRefs} expands into one-hot columns
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVersion(
        String name,
        int version,
        VersionStatus status,
        String sha256,
        long sizeBytes,
        Instant createdAt,
        String createdBy,
        String runId,
        String description,
        Map<String, String> tags,
        List<String> aliases,
        Task task,
        List<String> labels,
        String positiveLabel,
        Signature signature,
        List<String> featureRefs,
        List<Encoding> encodings,
        Map<String, Double> metrics,
        Map<String, String> params,
        TrainingData trainingData) {
}
