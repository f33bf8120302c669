package io.mlops.monitor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.mlops.monitor.drift.service.ColumnDrift;
import io.mlops.monitor.drift.service.WindowResult;
import io.mlops.monitor.reference.service.VersionKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    public static final String LATENCY = "mlops.drift.prediction.latency.ms";
    public static final String PROCESSED = "mlops.drift.events.processed";
    public static final String ROWS = "mlops.drift.rows.processed";
    public static final String SKIPPED = "mlops.drift.events.skipped";
    public static final String DEAD_LETTERED = "mlops.drift.dlq";
    public static final String WINDOWS = "mlops.drift.windows.closed";
    public static final String LABELS_JOINED = "mlops.drift.labels.joined";
    public static final String PUBLISH = "mlops.drift.window.publish";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, String> methodOf = new ConcurrentHashMap<>();
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

    public void windowClosed(WindowResult r) {
        String model = r.model();
        String version = Integer.toString(r.version());
        for (ColumnDrift c : r.features()) {
            column(model, version, c.feature(), c);
        }
        r.prediction().forEach((name, c) -> column(model, version, "prediction." + name, c));
        if (r.missingRates() != null) {
            r.missingRates().forEach((feature, rate) ->
                    set(FEATURE_MISSING, Tags.of("model", model, "version", version, "feature", feature), rate));
        }
        Tags versionTags = Tags.of("model", model, "version", version);
        if (WindowResult.DRIFT.equals(r.monitoring())) {
            set(DATASET_SHARE, versionTags, r.driftedShare());
            set(DATASET_DRIFTED, versionTags, r.datasetDrift() ? 1 : 0);
        }
        if (r.latency() != null) {
            set(LATENCY, versionTags.and("quantile", "0.5"), r.latency().p50());
            set(LATENCY, versionTags.and("quantile", "0.95"), r.latency().p95());
            set(LATENCY, versionTags.and("quantile", "0.99"), r.latency().p99());
        }
        counter(WINDOWS, Tags.of("model", model)).increment();
    }

    /** Target drift, reported like a feature named {@code target}. */
    public void target(VersionKey key, ColumnDrift c) {
        if (c != null) {
            column(key.model(), Integer.toString(key.version()), c.feature(), c);
        }
    }

    public void performance(VersionKey key, Map<String, Double> metrics, long labels) {
        Tags tags = Tags.of("model", key.model(), "version", Integer.toString(key.version()));
        metrics.forEach((metric, value) -> set(PERFORMANCE, tags.and("metric", metric), orNaN(value)));
        set(PERFORMANCE, tags.and("metric", "labels"), labels);
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

    private void column(String model, String version, String feature, ColumnDrift c) {
        Tags base = Tags.of("model", model, "version", version, "feature", feature);
        set(FEATURE_MISSING, base, c.missingRate());
        if (c.outOfRangeRate() != null) {
            set(FEATURE_OUT_OF_RANGE, base, c.outOfRangeRate());
        }
        if (c.newCategoryRate() != null) {
            set(FEATURE_NEW_CATEGORIES, base, c.newCategoryRate());
        }
        if (!c.tested()) {
            return;
        }
        String seriesKey = model + "/" + version + "/" + feature;
        String previous = methodOf.put(seriesKey, c.method());
        if (previous != null && !previous.equals(c.method())) {
            // A settings change switched the method: drop the old series rather than leave it frozen.
            remove(FEATURE_SCORE, base.and("method", previous));
            remove(FEATURE_DRIFTED, base.and("method", previous));
        }
        Tags tags = base.and("method", c.method());
        // A tested column can have no finite score (values so large the distance overflows): NaN, never a crash.
        set(FEATURE_SCORE, tags, orNaN(c.score()));
        set(FEATURE_DRIFTED, tags, c.driftDetected() ? 1 : 0);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private void set(String name, Tags tags, double value) {
        AtomicLong holder = gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong h = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder(name, h, a -> Double.longBitsToDouble(a.get())).tags(tags).register(registry);
            return h;
        });
        holder.set(Double.doubleToLongBits(value));
    }

    private void remove(String name, Tags tags) {
        AtomicLong holder = gauges.remove(name + tags);
        if (holder != null) {
            registry.find(name).tags(tags).meters().forEach(registry::remove);
        }
    }

    private Counter counter(String name, Tags tags) {
        return counters.computeIfAbsent(name + tags, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
