package io.mlops.monitor.drift.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.stream.service.LiveWindows;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/drift/{model}}: the latest closed window's verdicts in the contract's shape,
 * plus how the version is monitored and the progress of its open window.
 *
 * @param monitoring {@code DRIFT}, or {@code QUALITY_ONLY} for a version without a reference profile
 * @param profileNote why drift is not measured, when it is not
 * @param window {@code null} until the first window of the version closes
 * @param openWindow the window filling now, as of the last checkpoint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftReport(
        String model,
        int version,
        String monitoring,
        String profileNote,
        WindowResult.WindowInfo window,
        List<ColumnDrift> features,
        Map<String, ColumnDrift> prediction,
        boolean datasetDrift,
        double driftedShare,
        List<String> driftedFeatures,
        WindowResult.LatencySummary latency,
        List<String> unexpectedFeatures,
        Map<String, Double> missingRates,
        LiveWindows.OpenWindow openWindow) {

    static DriftReport of(WindowResult r, String profileNote, LiveWindows.OpenWindow open) {
        return new DriftReport(r.model(), r.version(), r.monitoring(), profileNote, r.window(), r.features(),
                r.prediction(), r.datasetDrift(), r.driftedShare(), r.driftedFeatures(), r.latency(),
                r.unexpectedFeatures(), r.missingRates(), open);
    }

    static DriftReport empty(String model, int version, boolean profile, String profileNote, LiveWindows.OpenWindow open) {
        return new DriftReport(model, version, profile ? WindowResult.DRIFT : WindowResult.QUALITY_ONLY, profileNote, null,
                List.of(), Map.of(), false, 0.0, List.of(), null, null, null, open);
    }
}
