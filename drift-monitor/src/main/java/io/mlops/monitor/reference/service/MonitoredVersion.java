package io.mlops.monitor.reference.service;

import io.mlops.events.registry.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model version as the monitor needs it: what it predicts and, when the registry has one, its
 * reference profile. Without a profile the version is still monitored for volume, data quality
 * (missing values) and latency, and {@link #profileNote()} says why drift is not measured.
 *
 * @param metrics the metrics registered with the version (e.g. offline {@code auc}), the baseline
 *     for performance alerts
 */
public record MonitoredVersion(
        String model,
        int version,
        Task task,
        List<String> labels,
        String positiveLabel,
        Map<String, Double> metrics,
        Optional<ReferenceData> reference,
        String profileNote) {

    public VersionKey key() {
        return new VersionKey(model, version);
    }

    public boolean classification() {
        return task == Task.BINARY_CLASSIFICATION || task == Task.MULTICLASS;
    }
}
