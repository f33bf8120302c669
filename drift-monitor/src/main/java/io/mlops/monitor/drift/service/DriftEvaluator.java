package io.mlops.monitor.drift.service;

import io.mlops.monitor.reference.service.CategoricalReference;
import io.mlops.monitor.reference.service.ColumnReference;
import io.mlops.monitor.reference.service.NumericReference;
import io.mlops.monitor.reference.service.ReferenceData;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.window.CategoricalColumn;
import io.mlops.monitor.window.NumericColumn;
import io.mlops.monitor.window.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Turns a closed window into its {@link WindowResult}: every feature and output tested against the
 * reference, the dataset verdict (at least {@code datasetDriftShare} of the tested features
 * drifted), data quality and latency. Pure: the same window and settings give the same result,
 * which is what lets a replay after a restart reach the same verdicts.
 */
public final class DriftEvaluator {

    private DriftEvaluator() {
    }

    public static WindowResult evaluate(Window w, EffectiveSettings settings, String closedBy, Instant closedAt) {
        WindowResult.WindowInfo info = new WindowResult.WindowInfo(w.sequence(), w.start(), w.end(), w.rows(),
                w.events(), closedBy, closedAt);
        String model = w.version().model();
        int version = w.version().version();
        ReferenceData reference = w.version().reference().orElse(null);
        if (reference == null) {
            Map<String, Double> missing = new TreeMap<>();
            w.observedFeatures().forEach((name, present) -> missing.put(name, NumericDrift.rate(w.rows() - present, w.rows())));
            return new WindowResult(model, version, info, WindowResult.QUALITY_ONLY, List.of(), Map.of(), false, 0.0,
                    List.of(), latency(w.latency()), null, missing);
        }
        Map<String, ColumnDrift> byName = new LinkedHashMap<>();
        for (NumericColumn c : w.numericFeatures()) {
            byName.put(c.name(), NumericDrift.test(c, (NumericReference) reference.features().get(c.name()),
                    w.sampleOf(c), w.sampleComplete(), w.rows(), settings));
        }
        for (CategoricalColumn c : w.categoricalFeatures()) {
            byName.put(c.name(), CategoricalDrift.test(c, (CategoricalReference) reference.features().get(c.name()),
                    w.rows(), settings));
        }
        List<ColumnDrift> features = new ArrayList<>();
        for (String name : reference.features().keySet()) {
            features.add(byName.get(name));
        }
        Map<String, ColumnDrift> prediction = new LinkedHashMap<>();
        if (w.score() != null) {
            prediction.put(ReferenceData.SCORE, NumericDrift.test(w.score(),
                    (NumericReference) reference.outputs().get(ReferenceData.SCORE), w.sampleOf(w.score()),
                    w.sampleComplete(), w.rows(), settings));
        }
        if (w.predictedLabel() != null) {
            ColumnReference ref = reference.outputs().get(ReferenceData.PREDICTED_LABEL);
            prediction.put(ReferenceData.PREDICTED_LABEL,
                    CategoricalDrift.test(w.predictedLabel(), (CategoricalReference) ref, w.rows(), settings));
        }
        long tested = features.stream().filter(ColumnDrift::tested).count();
        List<String> drifted = features.stream().filter(ColumnDrift::driftDetected).map(ColumnDrift::feature).toList();
        double share = tested == 0 ? 0.0 : (double) drifted.size() / tested;
        boolean datasetDrift = tested > 0 && share >= settings.datasetDriftShare();
        List<String> unexpected = w.unexpectedFeatures().isEmpty() ? null : w.unexpectedFeatures().stream().sorted().toList();
        return new WindowResult(model, version, info, WindowResult.DRIFT, features, prediction, datasetDrift, share,
                drifted, latency(w.latency()), unexpected, null);
    }

    private static WindowResult.LatencySummary latency(KllDoublesSketch sketch) {
        if (sketch.isEmpty()) {
            return null;
        }
        double[] q = sketch.getQuantiles(new double[] {0.5, 0.95, 0.99}, QuantileSearchCriteria.INCLUSIVE);
        return new WindowResult.LatencySummary(q[0], q[1], q[2], sketch.getMaxItem());
    }
}
