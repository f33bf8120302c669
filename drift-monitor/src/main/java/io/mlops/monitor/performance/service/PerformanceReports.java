package io.mlops.monitor.performance.service;

import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.TargetDrift;
import io.mlops.monitor.reference.service.CategoricalReference;
import io.mlops.monitor.reference.service.ColumnReference;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.NumericReference;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.settings.service.ModelSettings.PerformanceSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a version's performance report from its latest outcomes: metrics, limits and target drift. */
public final class PerformanceReports {

    /** Metrics where higher is better, the ones compared with the registered value. */

    private PerformanceReports() {
    }

    public static VersionPerformance of(MonitoredVersion v, List<Outcome> outcomes, EffectiveSettings s, Instant from,
                                        Instant to) {
        boolean enough = outcomes.size() >= s.minLabels();
        Map<String, Double> metrics = PerformanceCalculator.compute(v.task(), v.labels(), v.positiveLabel(), outcomes);
        Map<String, Double> baseline = new LinkedHashMap<>();
        v.metrics().forEach((k, val) -> {
            if (metrics.containsKey(k)) {
                baseline.put(k, val);
            }
        });
        Map<String, Double> limits = limits(v, s);
        List<String> degraded = new ArrayList<>();
        if (enough) {
            limits.forEach((metric, limit) -> {
                Double value = metrics.get(metric);
                if (value != null && value < limit) {
                    degraded.add(metric);
                }
            });
        }
        return new VersionPerformance(v.version(), outcomes.size(), s.performanceWindow(), enough, metrics, baseline,
                limits, degraded, targetDrift(v, outcomes, s), from, to);
    }

    /** Per metric, the lowest acceptable value: registered value minus the tolerated drop, or the model's floor if higher. */
    static Map<String, Double> limits(MonitoredVersion v, EffectiveSettings s) {
        Map<String, Double> limits = new LinkedHashMap<>();
        v.metrics().forEach((metric, value) -> {
            if (PerformanceSettings.HIGHER_IS_BETTER.contains(metric) && value != null) {
                limits.put(metric, value - s.maxDrop());
            }
        });
        s.minimums().forEach((metric, floor) -> {
            // Settings stored before floors were limited to these metrics may still name others.
            if (PerformanceSettings.HIGHER_IS_BETTER.contains(metric)) {
                limits.merge(metric, floor, Math::max);
            }
        });
        return limits;
    }

    static ColumnDrift targetDrift(MonitoredVersion v, List<Outcome> outcomes, EffectiveSettings s) {
        if (v.reference().isEmpty() || outcomes.isEmpty()) {
            return null;
        }
        ColumnReference ref = TargetDrift.referenceFor(v.classification(), v.reference().get().outputs());
        if (ref instanceof CategoricalReference c && v.classification()) {
            Map<String, Long> counts = new HashMap<>();
            outcomes.forEach(o -> counts.merge(o.label(), 1L, Long::sum));
            return TargetDrift.categorical(counts, c, s);
        }
        if (ref instanceof NumericReference n && !v.classification()) {
            double[] labels = outcomes.stream().map(Outcome::label).mapToDouble(PerformanceReports::number)
                    .filter(Double::isFinite).toArray();
            return TargetDrift.numeric(labels, n, s);
        }
        return null;
    }

    private static double number(String label) {
        try {
            return Double.parseDouble(label);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
