package io.mlops.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.performance.service.VersionPerformance;
import io.mlops.monitor.reference.service.VersionKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The monitor's Prometheus metrics, names as in the platform contract. Tags are bounded: models and
 * versions that exist in the registry, their features and methods, never an id. Output columns
 * appear as features named {@code prediction.score} and {@code prediction.predictedLabel} (a dot
 * cannot occur in a feature name), the label distribution as {@code target}.
 */
@ApplicationScoped
public class DriftMetrics {

    public static final String FEATURE_SCORE = "mlops.drift.feature.score";
    public static final String FEATURE_DRIFTED = "mlops.drift.feature.drifted";
    public static final String FEATURE_MISSING = "mlops.drift.feature.missing.rate";
    public static final String FEATURE_OUT_OF_RANGE = "mlops.drift.feature.out.of.range.rate";
    public static final String FEATURE_NEW_CATEGORIES = "mlops.drift.feature.new.category.rate";
    public static final String DATASET_SHARE = "mlops.drift.dataset.share";
    public static final String DATASET_DRIFTED = "mlops.drift.dataset.drifted";
    public static final String PERFORMANCE = "mlops.model.performance";
    public static final String PERFORMANCE_LIMIT = "mlops.model.performance.limit";
    public static final String PERFORMANCE_DEGRADED = "mlops.model.performance.degraded";
    private static final Set<String> PERFORMANCE_FAMILY = Set.of(PERFORMANCE, PERFORMANCE_LIMIT, PERFORMANCE_DEGRADED);
    public static final String LATENCY = "mlops.drift.prediction.latency.ms";
    public static final String PROCESSED = "mlops.drift.events.processed";
    public static final String ROWS = "mlops.drift.rows.processed";
    public static final String SKIPPED = "mlops.drift.events.skipped";
    public static final String DEAD_LETTERED = "mlops.drift.dlq";
    public static final String WINDOWS = "mlops.drift.windows.closed";
    public static final String LABELS_JOINED = "mlops.drift.labels.joined";
    public static final String PUBLISH = "mlops.drift.window.publish";

    private final MeterRegistry registry;
    /** The gauges of each version, so a version that went quiet can be dropped whole; guarded by {@code this}. */
    private final Map<VersionKey, VersionSeries> versions = new HashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> perModel = new ConcurrentHashMap<>();
    private final Timer publish;

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publish = Timer.builder(PUBLISH)
                .description("From a window's close to its results and alerts being committed")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    public synchronized void windowClosed(WindowResult r) {
        VersionKey key = new VersionKey(r.model(), r.version());
        for (ColumnDrift c : r.features()) {
            column(key, c.feature(), c);
        }
        r.prediction().forEach((name, c) -> column(key, "prediction." + name, c));
        if (r.missingRates() != null) {
            r.missingRates().forEach((feature, rate) ->
                    set(key, FEATURE_MISSING, versionTags(key).and("feature", feature), rate));
        }
        Tags versionTags = versionTags(key);
        // A window that tested no feature (an idle close with a few rows) has no dataset verdict:
        // the last one stands, as it does for the dataset alert.
        if (WindowResult.DRIFT.equals(r.monitoring()) && r.features().stream().anyMatch(ColumnDrift::tested)) {
            set(key, DATASET_SHARE, versionTags, r.driftedShare());
            set(key, DATASET_DRIFTED, versionTags, r.datasetDrift() ? 1 : 0);
        }
        if (r.latency() != null) {
            set(key, LATENCY, versionTags.and("quantile", "0.5"), r.latency().p50());
            set(key, LATENCY, versionTags.and("quantile", "0.95"), r.latency().p95());
            set(key, LATENCY, versionTags.and("quantile", "0.99"), r.latency().p99());
        }
        counter(WINDOWS, Tags.of("model", r.model())).increment();
    }

    /** Target drift, reported like a feature named {@code target}. */
    public synchronized void target(VersionKey key, ColumnDrift c) {
        if (c != null) {
            column(key, c.feature(), c);
        }
    }

    /**
     * Live performance of a version. The label count is always reported; the metrics, their limits
     * and whether each is past its limit only once the version has enough labels to judge (before
     * that, two wrong answers would read as an accuracy of 0 and fire the alert).
     */
    public synchronized void performance(VersionKey key, VersionPerformance p) {
        Tags tags = versionTags(key);
        set(key, PERFORMANCE, tags.and("metric", "labels"), p.labelCount());
        Set<String> current = new HashSet<>();
        current.add(id(PERFORMANCE, tags.and("metric", "labels")));
        if (p.enoughLabels()) {
            p.metrics().forEach((metric, value) -> current.add(set(key, PERFORMANCE, tags.and("metric", metric), orNaN(value))));
            p.limits().forEach((metric, limit) -> {
                if (!p.metrics().containsKey(metric)) {
                    return; // not defined on this window: no verdict to export, not "fine"
                }
                current.add(set(key, PERFORMANCE_LIMIT, tags.and("metric", metric), limit));
                current.add(set(key, PERFORMANCE_DEGRADED, tags.and("metric", metric), p.degraded().contains(metric) ? 1 : 0));
            });
        }
        // A metric no longer computed, or a version back under its minimum after a settings change: no frozen series.
        removeIf(key, series -> PERFORMANCE_FAMILY.contains(series.name()) && !current.contains(series.id()));
    }

    /**
     * Removes the gauges of versions that closed no window and joined no label since
     * {@code idleLimit} of their model before {@code now}: a retired version's last verdict would
     * otherwise stay exported, and keep its alert firing, until the service restarts.
     *
     * @return the versions whose series were removed
     */
    public synchronized List<VersionKey> retireIdle(Instant now, Function<String, Duration> idleLimit) {
        List<VersionKey> retired = new ArrayList<>();
        versions.entrySet().removeIf(e -> {
            if (e.getValue().lastUpdate.plus(idleLimit.apply(e.getKey().model())).isAfter(now)) {
                return false;
            }
            e.getValue().series.values().forEach(series -> registry.remove(series.gauge()));
            retired.add(e.getKey());
            return true;
        });
        return retired;
    }

    /** Called per event: the counters are looked up by model name alone, without building tags. */
    public void processed(String model, long events, long rows) {
        Counter[] pair = perModel.computeIfAbsent(model, m -> new Counter[] {
                counter(PROCESSED, Tags.of("model", m)), counter(ROWS, Tags.of("model", m))});
        pair[0].increment(events);
        pair[1].increment(rows);
    }

    /** Events not counted in any window, by reason (unknown_version, duplicate, malformed_feedback, ...). */
    public void skipped(String reason, long n) {
        counter(SKIPPED, Tags.of("reason", reason)).increment(n);
    }

    public void deadLettered(String reason) {
        counter(DEAD_LETTERED, Tags.of("reason", reason)).increment();
    }

    public void labelsJoined(String model, long n) {
        counter(LABELS_JOINED, Tags.of("model", model)).increment(n);
    }

    public void published(Duration sinceClose) {
        publish.record(sinceClose);
    }

    private void column(VersionKey key, String feature, ColumnDrift c) {
        Tags base = versionTags(key).and("feature", feature);
        set(key, FEATURE_MISSING, base, c.missingRate());
        if (c.outOfRangeRate() != null) {
            set(key, FEATURE_OUT_OF_RANGE, base, c.outOfRangeRate());
        }
        if (c.newCategoryRate() != null) {
            set(key, FEATURE_NEW_CATEGORIES, base, c.newCategoryRate());
        }
        if (!c.tested()) {
            // A disabled column's last "drifted" would keep an alert rule firing on a column nobody
            // tests any more. Too little data in one window is no new verdict: the last one stands,
            // as it does for the alert, rather than the series flapping.
            if (ColumnDrift.DISABLED.equals(c.status())) {
                removeVerdict(key, base, series(key).methodOf.remove(feature));
            }
            return;
        }
        String previous = series(key).methodOf.put(feature, c.method());
        if (previous != null && !previous.equals(c.method())) {
            // A settings change switched the method: drop the old series rather than leave it frozen.
            removeVerdict(key, base, previous);
        }
        Tags tags = base.and("method", c.method());
        // A tested column can have no finite score (values so large the distance overflows): NaN, never a crash.
        set(key, FEATURE_SCORE, tags, orNaN(c.score()));
        set(key, FEATURE_DRIFTED, tags, c.driftDetected() ? 1 : 0);
    }

    /** Drops a column's score and drifted series under {@code method} (nothing when null). */
    private void removeVerdict(VersionKey key, Tags column, String method) {
        if (method != null) {
            String score = id(FEATURE_SCORE, column.and("method", method));
            String drifted = id(FEATURE_DRIFTED, column.and("method", method));
            removeIf(key, series -> series.id().equals(score) || series.id().equals(drifted));
        }
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static Tags versionTags(VersionKey key) {
        return Tags.of("model", key.model(), "version", Integer.toString(key.version()));
    }

    private static String id(String name, Tags tags) {
        return name + tags;
    }

    private VersionSeries series(VersionKey key) {
        return versions.computeIfAbsent(key, k -> new VersionSeries());
    }

    /** Sets a version's gauge, registering it on first use; returns its id. */
    private String set(VersionKey key, String name, Tags tags, double value) {
        VersionSeries version = series(key);
        version.lastUpdate = Instant.now();
        String id = id(name, tags);
        Series series = version.series.computeIfAbsent(id, k -> {
            AtomicLong holder = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge gauge = Gauge.builder(name, holder, a -> Double.longBitsToDouble(a.get())).tags(tags).register(registry);
            return new Series(id, name, holder, gauge);
        });
        series.value().set(Double.doubleToLongBits(value));
        return id;
    }

    private void removeIf(VersionKey key, Predicate<Series> which) {
        VersionSeries version = versions.get(key);
        if (version != null) {
            version.series.values().removeIf(series -> {
                if (which.test(series)) {
                    registry.remove(series.gauge());
                    return true;
                }
                return false;
            });
        }
    }

    private record Series(String id, String name, AtomicLong value, Gauge gauge) {
    }

    private static final class VersionSeries {
        final Map<String, Series> series = new HashMap<>();
        /** Feature to the method its drift gauges are tagged with. */
        final Map<String, String> methodOf = new HashMap<>();
        Instant lastUpdate = Instant.now();
    }

    private Counter counter(String name, Tags tags) {
        return counters.computeIfAbsent(name + tags, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
