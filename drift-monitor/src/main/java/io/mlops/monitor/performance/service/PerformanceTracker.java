package io.mlops.monitor.performance.service;

import io.mlops.monitor.alert.service.AlertDecision;
import io.mlops.monitor.alert.service.AlertPolicy;
import io.mlops.monitor.labels.repository.LabelRepository;
import io.mlops.monitor.labels.service.LabelledRow;
import io.mlops.monitor.metrics.DriftMetrics;
import io.mlops.monitor.reference.service.MonitoredVersion;
import io.mlops.monitor.reference.service.VersionCatalog;
import io.mlops.monitor.reference.service.VersionKey;
import io.mlops.monitor.settings.service.EffectiveSettings;
import io.mlops.monitor.settings.service.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling live performance per version, fed by the label join. Each version keeps its latest
 * {@code window} outcomes (read back from the database after a restart). Metrics are recomputed
 * and published as gauges with every batch of labels; every {@code evaluateEvery} labels they are
 * checked against their limits, which drives {@code performance.degraded} through the alert
 * hysteresis (so one evaluation is one step, however labels are batched).
 * Only the checkpoint's commit thread calls this, inside the checkpoint transaction (and the stream
 * thread resets it while no commit is in flight).
 */
@ApplicationScoped
public class PerformanceTracker {

    private final LabelRepository labels;
    private final VersionCatalog catalog;
    private final SettingsService settings;
    private final AlertPolicy alerts;
    private final DriftMetrics metrics;
    private final Map<VersionKey, Rolling> rolling = new HashMap<>();

    public PerformanceTracker(LabelRepository labels, VersionCatalog catalog, SettingsService settings,
                              AlertPolicy alerts, DriftMetrics metrics) {
        this.labels = labels;
        this.catalog = catalog;
        this.settings = settings;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    public void reset() {
        rolling.clear();
    }

    public List<AlertDecision> onJoined(List<LabelledRow> rows, Instant now) {
        Map<VersionKey, List<LabelledRow>> byVersion = new LinkedHashMap<>();
        rows.forEach(r -> byVersion.computeIfAbsent(new VersionKey(r.model(), r.version()), k -> new ArrayList<>()).add(r));
        List<AlertDecision> out = new ArrayList<>();
        byVersion.forEach((key, added) -> {
            metrics.labelsJoined(key.model(), added.size());
            MonitoredVersion version = catalog.find(key).orElse(null);
            if (version == null) {
                return;
            }
            EffectiveSettings s = settings.effective(key.model());
            Rolling r = rolling.computeIfAbsent(key, k -> load(version, s.performanceWindow(), now));
            long unknown = 0;
            for (LabelledRow row : added) {
                if (Outcomes.judgeable(version, row)) {
                    r.add(Outcomes.of(row), row.predictedAt(), s.performanceWindow());
                } else {
                    unknown++;
                }
            }
            if (unknown > 0) {
                metrics.skipped("unknown_label", unknown);
            }
            out.addAll(evaluate(key, version, r, s));
        });
        return out;
    }

    /** Gauges follow every batch of labels; alerts are judged every {@code evaluateEvery} labels, once there are enough. */
    private List<AlertDecision> evaluate(VersionKey key, MonitoredVersion version, Rolling r, EffectiveSettings s) {
        VersionPerformance p = PerformanceReports.of(version, List.copyOf(r.outcomes), s, r.first, r.last);
        metrics.performance(key, p);
        metrics.target(key, p.targetDrift());
        List<AlertDecision> out = new ArrayList<>();
        if (!p.enoughLabels() || r.sinceEvaluation < s.evaluateEvery()) {
            return out;
        }
        r.sinceEvaluation = 0;
        p.limits().forEach((metric, limit) -> {
            Double value = p.metrics().get(metric);
            if (value != null) {
                out.addAll(alerts.onPerformance(key, metric, value, value < limit, limit, s, r.first, r.last));
            }
        });
        out.addAll(alerts.onLimitsRemoved(key, p.limits().keySet(), p.metrics(), r.first, r.last));
        return out;
    }

    /** The rows joined before this checkpoint; this checkpoint's rows (joined at {@code now}) are added by the caller. */
    private Rolling load(MonitoredVersion version, int window, Instant now) {
        Rolling r = new Rolling();
        List<LabelledRow> recent = labels.recentBefore(version.model(), version.version(),
                Outcomes.judgedLabels(version), window, now);
        for (int i = recent.size() - 1; i >= 0; i--) {
            r.add(Outcomes.of(recent.get(i)), recent.get(i).predictedAt(), window);
        }
        r.sinceEvaluation = 0;
        return r;
    }

    private static final class Rolling {
        final ArrayDeque<Outcome> outcomes = new ArrayDeque<>();
        final ArrayDeque<Instant> times = new ArrayDeque<>();
        int sinceEvaluation;
        Instant first;
        Instant last;

        void add(Outcome o, Instant at, int window) {
            outcomes.addLast(o);
            times.addLast(at);
            while (outcomes.size() > window) {
                outcomes.removeFirst();
                times.removeFirst();
            }
            first = times.peekFirst();
            last = at;
            sinceEvaluation++;
        }
    }
}
