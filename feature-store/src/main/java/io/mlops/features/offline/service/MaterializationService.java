package io.mlops.features.offline.service;

import io.mlops.common.db.SqlTimes;
import io.mlops.common.outbox.OutboxFlusher;
import io.mlops.features.config.OfflineConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.jdbc.SqlFailures;
import io.mlops.features.offline.repository.MaterializationRepository.Page;
import io.mlops.features.offline.repository.MaterializationRepository;
import io.mlops.features.online.messaging.OnlineUpdatePublisher;
import io.mlops.features.online.messaging.WriteOrigin;
import io.mlops.features.online.service.OnlineCache;
import io.mlops.features.stats.repository.ViewStatsRepository;
import io.mlops.features.stats.service.FreshnessTracker;
import io.mlops.features.stats.service.ViewStats;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewSchema;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Offline to online, as {@code feast materialize}: for every key, the newest offline row with
 * {@code start <= event_ts <= end} is written online unless the online value is newer. Without a
 * start it continues from where the last materialization ended ({@code materialize-incremental}).
 * Work is split into key ranges, each its own transaction with its own update events, so a large
 * view neither holds locks for long nor builds one huge event.
 */
@ApplicationScoped
public class MaterializationService {

    /** Tries of one page against deadlocks with concurrent pushes. */
    private static final int PAGE_ATTEMPTS = 3;

    /** What a materialization did. */
    public record Result(String featureView, Instant start, Instant end, long keysConsidered, long keysUpdated) {
    }

    private final ViewCatalog catalog;
    private final MaterializationRepository repository;
    private final OnlineUpdatePublisher updates;
    private final OnlineCache cache;
    private final ViewStatsRepository stats;
    private final FreshnessTracker freshness;
    private final OfflineConfig config;
    private final OutboxFlusher flusher;

    public MaterializationService(ViewCatalog catalog, MaterializationRepository repository,
                                  OnlineUpdatePublisher updates, OnlineCache cache, ViewStatsRepository stats,
                                  FreshnessTracker freshness, OfflineConfig config,
                                  OutboxFlusher flusher) {
        this.catalog = catalog;
        this.repository = repository;
        this.updates = updates;
        this.cache = cache;
        this.stats = stats;
        this.freshness = freshness;
        this.config = config;
        this.flusher = flusher;
    }

    public Result materialize(String viewName, Instant requestedStart, Instant requestedEnd, WriteOrigin origin) {
        ViewSchema view = catalog.require(viewName).latest();
        if (!SqlTimes.storable(requestedStart)) {
            throw FeatureErrors.validation("start", "must fall in the years 1 to 9999, not " + requestedStart);
        }
        if (!SqlTimes.storable(requestedEnd)) {
            throw FeatureErrors.validation("end", "must fall in the years 1 to 9999, not " + requestedEnd);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant end = requestedEnd == null ? now : requestedEnd.truncatedTo(ChronoUnit.MICROS);
        Instant incrementalStart = stats.find(viewName).map(ViewStats::materializedUntil).orElse(null);
        Instant start = requestedStart != null ? requestedStart.truncatedTo(ChronoUnit.MICROS) : incrementalStart;
        if (start != null && start.isAfter(end)) {
            if (requestedStart != null) {
                throw FeatureErrors.validation("start", "start (" + start + ") is after end (" + end + ")");
            }
            // Incremental, and already done past this end (another replica's clock runs ahead): nothing new.
            start = end;
        }
        Instant from0 = start;
        long considered = 0;
        long updated = 0;
        Instant newest = null;
        String afterKey = "";
        Page page;
        do {
            String from = afterKey;
            // A page only writes rows newer than what is online: safe to run again after a deadlock
            // with a push locking the same keys.
            page = SqlFailures.retryingConflicts(PAGE_ATTEMPTS, () -> QuarkusTransaction.requiringNew().call(() -> {
                Page p = repository.page(viewName, from0, end, from, config.materializePageSize());
                updates.changed(view, p.changedKeys(), origin);
                return p;
            }));
            cache.invalidate(viewName, page.changedKeys());
            if (!page.changedKeys().isEmpty()) {
                flusher.flushSoon();
            }
            considered += page.keysConsidered();
            updated += page.changedKeys().size();
            if (page.newestEventTs() != null && (newest == null || page.newestEventTs().isAfter(newest))) {
                newest = page.newestEventTs();
            }
            afterKey = page.lastKey();
        } while (page.keysConsidered() == config.materializePageSize());
        // Progress never runs ahead of the clock: a run whose end lies in the future copied what
        // exists so far, and rows written until then must still be copied by the next incremental run.
        stats.recordMaterialized(viewName, end.isAfter(now) ? now : end);
        if (updated > 0) {
            freshness.written(viewName, newest, null);
        }
        return new Result(viewName, from0, end, considered, updated);
    }
}
