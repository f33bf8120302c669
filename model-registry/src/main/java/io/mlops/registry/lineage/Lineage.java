package io.mlops.registry.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.registry.Encoding;
import io.mlops.registry.dataset.rest.DatasetVersionJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a version came from: the run that trained it (params, metrics), the run's experiment, the
 * dataset versions it read, the features it takes, and a summary of its reference profile.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lineage(
        String model,
        int version,
        String status,
        String sha256,
        Instant createdAt,
        String createdBy,
        Run run,
        DatasetVersionJson trainingData,
        List<DatasetUse> datasets,
        List<String> featureRefs,
        List<Encoding> encodings,
        JsonNode profile) {

    /** The training run, with its experiment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, String name, String status, Instant startTime, Instant endTime,
                      Map<String, String> params, Map<String, Double> metrics, Experiment experiment) {
    }

    /** The experiment a run belongs to. */
    public record Experiment(String id, String name) {
    }

    /** A dataset version the run read, in its role. */
    public record DatasetUse(String context, DatasetVersionJson dataset) {
    }
}
