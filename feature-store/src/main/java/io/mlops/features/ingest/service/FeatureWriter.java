package io.mlops.features.ingest.service;

import io.mlops.common.outbox.OutboxFlusher;
import io.mlops.features.jdbc.SqlFailures;
import io.mlops.features.metrics.FeatureMetrics;
import io.mlops.features.offline.repository.OfflineStore;
import io.mlops.features.online.messaging.OnlineUpdatePublisher;
import io.mlops.features.online.messaging.WriteOrigin;
import io.mlops.features.online.repository.OnlineStore;
import io.mlops.features.online.service.OnlineCache;
import io.mlops.features.stats.service.FreshnessTracker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes validated batches to the offline and online stores and records the change events, all in
 * one transaction; then, after commit, drops the changed keys from this replica's cache (others
 * follow on the event) and updates freshness and counters.
 */
@ApplicationScoped
public class FeatureWriter {

    private static final int ATTEMPTS = 3;

    /** What one batch changed. */
    public record Written(ViewBatch batch, List<String> changedKeys) {
    }

    private final OfflineStore offline;
    private final OnlineStore online;
    private final OnlineUpdatePublisher updates;
    private final OnlineCache cache;
    private final FreshnessTracker freshness;
    private final FeatureMetrics metrics;
    private final OutboxFlusher flusher;

    public FeatureWriter(OfflineStore offline, OnlineStore online, OnlineUpdatePublisher updates, OnlineCache cache,
                         FreshnessTracker freshness, FeatureMetrics metrics, OutboxFlusher flusher) {
        this.offline = offline;
        this.online = online;
        this.updates = updates;
        this.cache = cache;
        this.freshness = freshness;
        this.metrics = metrics;
        this.flusher = flusher;
    }

    /**
     * Writes all batches in one transaction, retried on deadlock or serialization failure.
     *
     * @param path {@link FeatureMetrics#PATH_PUSH} or {@link FeatureMetrics#PATH_STREAM}
     */
    public List<Written> write(List<ViewBatch> batches, WriteOrigin origin, String path) {
        // One lock order for every writer: views by name, keys sorted within a view.
        List<ViewBatch> ordered = new ArrayList<>(batches);
        ordered.sort(Comparator.comparing((ViewBatch b) -> b.view().name()).thenComparing(b -> b.to().ordinal()));
        return writeInOrder(ordered, origin, path);
    }

    /**
     * Like {@link #write} but in the order given, for batches whose order decides the result (two
     * rows of one key at one event time: the later wins). Outside the common lock order, so a
     * deadlock is likelier; it is retried like any other.
     */
    public List<Written> writeInOrder(List<ViewBatch> ordered, WriteOrigin origin, String path) {
        List<Written> written = SqlFailures.retryingConflicts(ATTEMPTS,
                () -> QuarkusTransaction.requiringNew().call(() -> writeInTransaction(ordered, origin)));
        afterCommit(written, path);
        return written;
    }

    private List<Written> writeInTransaction(List<ViewBatch> batches, WriteOrigin origin) {
        List<Written> out = new ArrayList<>(batches.size());
        for (ViewBatch batch : batches) {
            if (batch.rows().isEmpty()) {
                out.add(new Written(batch, List.of()));
                continue;
            }
            if (batch.offline()) {
                offline.upsert(batch.view(), batch.rows());
            }
            List<String> changed = List.of();
            if (batch.online()) {
                changed = online.upsertIfNewer(batch.view(), batch.rows());
                updates.changed(batch.view(), changed, origin);
            }
            out.add(new Written(batch, changed));
        }
        return out;
    }

    private void afterCommit(List<Written> written, String path) {
        if (written.stream().anyMatch(w -> !w.changedKeys().isEmpty())) {
            // Other replicas refresh their caches on the event: publish it now, not at the next relay poll.
            flusher.flushSoon();
        }
        for (Written w : written) {
            ViewBatch batch = w.batch();
            cache.invalidate(batch.view().name(), w.changedKeys());
            metrics.rowsIngested(batch.view().name(), path, batch.rows().size());
            if (!batch.rows().isEmpty()) {
                Instant newest = OfflineStore.newest(batch.rows());
                freshness.written(batch.view().name(), batch.online() && !w.changedKeys().isEmpty() ? newest : null,
                        batch.offline() ? newest : null);
            }
        }
    }
}
