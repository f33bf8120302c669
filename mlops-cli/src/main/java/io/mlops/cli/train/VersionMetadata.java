package io.mlops.cli.train;

import io.mlops.events.profile.ReferenceProfile;
import io.mlops.ml.train.TrainedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code metadata} part of a version upload, as the registry's contract defines it. */
final class VersionMetadata {

    private VersionMetadata() {
    }

    static Map<String, Object> of(TrainingRequest request, TrainedModel trained, String runId, String datasetName,
                                  int datasetVersion, String digest, Map<String, Double> metrics,
                                  Map<String, String> params, ReferenceProfile profile) {
        List<String> featureRefs = trained.layout().featureRefs().stream()
                .map(feature -> request.view() + ":" + feature)
                .toList();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("description", "Logistic regression on " + datasetName + " (" + digest.substring(0, 19) + "…)");
        metadata.put("tags", Map.of("dataset", datasetName, "trainer", "mlops-cli"));
        metadata.put("runId", runId);
        metadata.put("task", "BINARY_CLASSIFICATION");
        metadata.put("labels", trained.labels());
        metadata.put("positiveLabel", trained.positiveLabel());
        metadata.put("featureRefs", featureRefs);
        metadata.put("encodings", trained.layout().encodings());
        metadata.put("metrics", metrics);
        metadata.put("params", params);
        metadata.put("trainingData", Map.of("name", datasetName, "version", datasetVersion, "digest", digest));
        metadata.put("referenceProfile", profile);
        return metadata;
    }
}
