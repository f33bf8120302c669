package io.mlops.features.stats.service;

import io.micrometer.core.instrument.Gauge;
import io.mlops.features.metrics.FeatureMetrics;
import io.mlops.features.stats.repository.ViewStatsRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps {@code mlops_features_freshness_seconds{view}}: how old the newest value online is. Local
 * writes move it at once; a periodic read of {@code view_stats} brings in other replicas' writes.
 * A view never written online has no series, rather than a misleading zero.
 */
@ApplicationScoped
public class FreshnessTracker {

    private static final Logger LOG = Logger.getLogger(FreshnessTracker.class);
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final ViewStatsRepository repository;
    private final FeatureMetrics metrics;
    private final Map<String, AtomicLong> newestOnlineMillis = new ConcurrentHashMap<>();

    public FreshnessTracker(ViewStatsRepository repository, FeatureMetrics metrics) {
        this.repository = repository;
        this.metrics = metrics;
    }

    /**
     * Records a committed write. The statistics row is updated in its own statement: a failure
     * here is logged, never failing a write whose data is already committed.
     */
    public void written(String view, Instant onlineNewest, Instant offlineNewest) {
        if (onlineNewest != null) {
            advance(view, onlineNewest.toEpochMilli());
        }
        if (onlineNewest == null && offlineNewest == null) {
            return;
        }
        try {
            repository.recordWrite(view, onlineNewest, offlineNewest);
        } catch (RuntimeException e) {
            LOG.warnf("Could not update statistics of view %s: %s", view, e.getMessage());
        }
    }

    @Scheduled(every = "${mlops.features.freshness.refresh-interval:15s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            for (ViewStats stats : repository.list()) {
                if (stats.onlineNewestEventTimestamp() != null) {
                    advance(stats.view(), stats.onlineNewestEventTimestamp().toEpochMilli());
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("Freshness refresh skipped: %s", e.getMessage());
        }
    }

    /** Seconds since the newest online event time of the view, or NaN if none is known. */
    public double freshnessSeconds(String view) {
        AtomicLong newest = newestOnlineMillis.get(view);
        return newest == null || newest.get() == UNKNOWN ? Double.NaN : (System.currentTimeMillis() - newest.get()) / 1000.0;
    }

    private void advance(String view, long millis) {
        AtomicLong newest = newestOnlineMillis.computeIfAbsent(view, v -> {
            AtomicLong holder = new AtomicLong(UNKNOWN);
            Gauge.builder(FeatureMetrics.FRESHNESS, () -> freshnessSeconds(v))
                    .description("Seconds since the event time of the newest value in the online store")
                    .baseUnit("seconds")
                    .tag("view", v)
                    .register(metrics.registry());
            return holder;
        });
        newest.accumulateAndGet(millis, Math::max);
    }
}
