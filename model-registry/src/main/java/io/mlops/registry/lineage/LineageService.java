package io.mlops.registry.lineage;

import io.mlops.events.registry.ModelVersion;
import io.mlops.registry.dataset.repository.DatasetRepository;
import io.mlops.registry.dataset.rest.DatasetVersionJson;
import io.mlops.registry.db.JsonColumns;
import io.mlops.registry.tracking.experiment.repository.ExperimentRepository;
import io.mlops.registry.tracking.run.repository.RunRepository;
import io.mlops.registry.tracking.run.rest.RunJson;
import io.mlops.registry.version.repository.VersionRepository;
import io.mlops.registry.version.repository.VersionRow;
import io.mlops.registry.version.service.VersionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Assembles a version's lineage from the registry's own records. */
@ApplicationScoped
public class LineageService {

    private final VersionService versions;
    private final VersionRepository versionRows;
    private final RunRepository runs;
    private final ExperimentRepository experiments;
    private final DatasetRepository datasets;
    private final JsonColumns json;

    public LineageService(VersionService versions, VersionRepository versionRows, RunRepository runs,
                          ExperimentRepository experiments, DatasetRepository datasets, JsonColumns json) {
        this.versions = versions;
        this.versionRows = versionRows;
        this.runs = runs;
        this.experiments = experiments;
        this.datasets = datasets;
        this.json = json;
    }

    public Lineage of(String model, String version) {
        VersionRow row = versions.get(model, version);
        ModelVersion v = row.json();
        Lineage.Run run = null;
        List<Lineage.DatasetUse> inputs = new ArrayList<>();
        if (v.runId() != null) {
            RunJson r = runs.find(UUID.fromString(v.runId())).orElse(null);
            if (r != null) {
                Lineage.Experiment experiment = experiments.find(Long.parseLong(r.experimentId()))
                        .map(e -> new Lineage.Experiment(e.id(), e.name())).orElse(null);
                run = new Lineage.Run(r.id(), r.name(), r.status(), r.startTime(), r.endTime(), r.params(), r.metrics(),
                        experiment);
                for (RunJson.DatasetInput in : r.datasets()) {
                    datasets.version(in.name(), in.version())
                            .ifPresent(d -> inputs.add(new Lineage.DatasetUse(in.context(), d)));
                }
            }
        }
        DatasetVersionJson trainingData = row.datasetVersionId() == null ? null
                : datasets.versionById(row.datasetVersionId()).orElse(null);
        var profile = versionRows.profile(model, v.version()).map(json::tree).map(ProfileSummary::of).orElse(null);
        return new Lineage(v.name(), v.version(), v.status().name(), v.sha256(), v.createdAt(), v.createdBy(), run,
                trainingData, inputs, v.featureRefs(), v.encodings(), profile);
    }
}
