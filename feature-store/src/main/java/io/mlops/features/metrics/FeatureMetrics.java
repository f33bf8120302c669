package io.mlops.features.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every metric of the feature store, named once, and registered at start-up so dashboards see
 * zeros rather than gaps. Tags are bounded: a view name, an ingestion path,
 * a cache result or a dead-letter reason, never an entity key.
 */
@Startup
@ApplicationScoped
public class FeatureMetrics {

    /** {@code mlops_features_rows_ingested_total{view,path}}. */
    public static final String ROWS_INGESTED = "mlops.features.rows.ingested";
    /** {@code mlops_features_online_lookup_seconds}, a histogram. */
    public static final String ONLINE_LOOKUP = "mlops.features.online.lookup";
    /** {@code mlops_features_cache_requests_total{result}}, one per (view, entity key) looked up. */
    public static final String CACHE_REQUESTS = "mlops.features.cache.requests";
    /** {@code mlops_features_freshness_seconds{view}}: now minus the newest event time online. */
    public static final String FRESHNESS = "mlops.features.freshness";
    /** {@code mlops_features_dlq_total{reason}}. */
    public static final String DLQ = "mlops.features.dlq";

    public static final String PATH_PUSH = "push";
    public static final String PATH_STREAM = "stream";

    private final MeterRegistry registry;
    private final Timer lookup;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Map<String, Counter> ingested = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

    public FeatureMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lookup = Timer.builder(ONLINE_LOOKUP)
                .description("Time to answer one online feature lookup, from parsed request to built response")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5))
                .minimumExpectedValue(Duration.ofNanos(20_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        this.cacheHits = cacheCounter("hit");
        this.cacheMisses = cacheCounter("miss");
    }

    public void rowsIngested(String view, String path, long rows) {
        if (rows > 0) {
            ingested.computeIfAbsent(view + '\n' + path, k -> Counter.builder(ROWS_INGESTED)
                    .description("Rows accepted into a feature view")
                    .tag("view", view).tag("path", path)
                    .register(registry)).increment(rows);
        }
    }

    public void lookupNanos(long nanos) {
        lookup.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void cacheHits(int count) {
        if (count > 0) {
            cacheHits.increment(count);
        }
    }

    public void cacheMisses(int count) {
        if (count > 0) {
            cacheMisses.increment(count);
        }
    }

    public void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, r -> Counter.builder(DLQ)
                .description("Ingest records sent to the dead-letter topic")
                .tag("reason", r)
                .register(registry)).increment();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Counter cacheCounter(String result) {
        return Counter.builder(CACHE_REQUESTS)
                .description("Online read-cache lookups of one (view, entity key)")
                .tag("result", result)
                .register(registry);
    }
}
